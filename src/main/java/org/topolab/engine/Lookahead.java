package org.topolab.engine;

import java.util.List;
import org.topolab.node.GroupInfo;
import org.topolab.scenario.RunSetup;

/**
 * The lookahead of a run split into partitions: the smallest delay with which a message sent by
 * one node can reach another, the network latency's lower bound plus both nodes' access
 * latencies. Partitions may run that far ahead of each other without missing a message.
 */
final class Lookahead {

  private Lookahead() {}

  /** The lookahead of {@code run}, in nanoseconds; 0 if a message can arrive at once. */
  static long of(RunSetup run) {
    long network = (long) Math.floor(run.latency().lowerBound());
    List<GroupInfo> groups = run.topology().groups();
    long access = Long.MAX_VALUE;
    for (int a = 0; a < groups.size(); a++) {
      for (int b = a; b < groups.size(); b++) {
        if (a == b && groups.get(a).count() < 2) {
          continue; // a lone node does not message itself through the network
        }
        access = Math.min(access, groups.get(a).link().latencyNanos() + groups.get(b).link().latencyNanos());
      }
    }
    return network + (access == Long.MAX_VALUE ? 0 : access);
  }
}
