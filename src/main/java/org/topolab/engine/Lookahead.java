package org.topolab.engine;

import java.util.List;
import org.topolab.node.GroupInfo;
import org.topolab.scenario.RunSetup;

/**
 * The lookahead of a run split into partitions: the smallest delay with which a message can reach
 * a node in another partition, the network latency's lower bound plus both nodes' access
 * latencies, over the pairs of groups whose nodes the placement can put apart. Partitions may run
 * that far ahead of each other without missing a message.
 */
final class Lookahead {

  private Lookahead() {}

  /** The lookahead of {@code run} placed by {@code placement}, in nanoseconds; 0 if a message can arrive at once. */
  static long of(RunSetup run, Placement placement) {
    long network = (long) Math.floor(run.latency().lowerBound());
    List<GroupInfo> groups = run.topology().groups();
    long access = Long.MAX_VALUE;
    for (int a = 0; a < groups.size(); a++) {
      for (int b = a; b < groups.size(); b++) {
        if (placement.canBeApart(groups.get(a), groups.get(b))) {
          access = Math.min(access, groups.get(a).link().latencyNanos() + groups.get(b).link().latencyNanos());
        }
      }
    }
    // No two nodes apart: nothing crosses partitions, and any window length will do.
    return access == Long.MAX_VALUE ? Long.MAX_VALUE : network + access;
  }
}
