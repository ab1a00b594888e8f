package org.topolab.faults;

import java.util.Arrays;
import java.util.List;
import org.topolab.network.LinkDegradation;
import org.topolab.node.GroupInfo;

/**
 * One fault as it happens in a run: an entry of the scenario's {@code faults} list at one of its
 * times, or one session end of a churning node.
 *
 * @param kind what it does
 * @param startNanos when it starts
 * @param endNanos when it ends ({@link #NEVER} if it lasts to the end of the run); its start for a
 *     fault that does not last
 * @param nodes the nodes it is aimed at, in increasing order; empty for a partition of groups or a heal
 * @param sides the groups a partition cuts apart; empty otherwise
 * @param degradation what a degrade does to each node's link; null for other kinds
 * @param target what it is aimed at, as a reader says it: {@code servers-0}, {@code clients | servers}
 * @param source where it comes from: {@code faults[2]}, or {@code churn of peers}
 */
public record Fault(
    FaultKind kind,
    long startNanos,
    long endNanos,
    int[] nodes,
    List<GroupInfo> sides,
    LinkDegradation degradation,
    String target,
    String source) {

  /** The end of a fault that lasts to the end of the run. */
  public static final long NEVER = Long.MAX_VALUE;

  /** Whether it is in force at {@code now}. */
  public boolean activeAt(long now) {
    return now >= startNanos && now < endNanos;
  }

  /** Whether it is aimed at node {@code id}. */
  public boolean aimsAt(int id) {
    return Arrays.binarySearch(nodes, id) >= 0;
  }

  /** This fault ending at {@code end} instead. */
  public Fault endingAt(long end) {
    return new Fault(kind, startNanos, end, nodes, sides, degradation, target, source);
  }
}
