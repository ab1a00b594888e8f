package org.topolab.engine;

import java.util.BitSet;
import java.util.List;
import org.topolab.node.GroupInfo;
import org.topolab.scenario.RunSetup;

/**
 * Which partition each node of a run lives in. By default node {@code id} lives in partition
 * {@code id % partitions}: a group's nodes have consecutive ids, so every group is spread evenly,
 * and groups of one node (a tracker, a load balancer) land in different partitions rather than
 * all in the first. A group with a {@code partition} key keeps all its nodes in that partition
 * (modulo the number of partitions), so that nodes that talk at a short latency stay together and
 * the run's lookahead grows. Fixed for the whole run: a node never moves.
 */
public final class Placement {

  private final int partitions;
  private final int[] partitionOfNode;

  private Placement(int partitions, int[] partitionOfNode) {
    this.partitions = partitions;
    this.partitionOfNode = partitionOfNode;
  }

  /** The placement of {@code run}'s nodes over {@code partitions} partitions. */
  public static Placement of(RunSetup run, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("a run needs at least one partition, not " + partitions);
    }
    List<GroupInfo> groups = run.topology().groups();
    int[] partitionOfNode = new int[run.topology().size()];
    for (int g = 0; g < groups.size(); g++) {
      GroupInfo group = groups.get(g);
      int pin = run.partitionOfGroup().get(g);
      for (int i = 0; i < group.count(); i++) {
        int id = group.id(i);
        partitionOfNode[id] = pin == RunSetup.SPREAD ? id % partitions : pin % partitions;
      }
    }
    return new Placement(partitions, partitionOfNode);
  }

  /** How many partitions the run is split into. */
  public int partitions() {
    return partitions;
  }

  /** The partition node {@code id} lives in. */
  public int partitionOf(int id) {
    return partitionOfNode[id];
  }

  /** The partitions that hold nodes of {@code group}. */
  private BitSet partitionsOf(GroupInfo group) {
    BitSet held = new BitSet(partitions);
    for (int i = 0; i < group.count() && held.cardinality() < partitions; i++) {
      held.set(partitionOfNode[group.id(i)]);
    }
    return held;
  }

  /** Whether a node of group {@code a} and one of group {@code b} can live in different partitions. */
  boolean canBeApart(GroupInfo a, GroupInfo b) {
    BitSet inA = partitionsOf(a);
    BitSet inB = partitionsOf(b);
    if (a.equals(b)) {
      return inA.cardinality() > 1;
    }
    return inA.cardinality() > 1 || inB.cardinality() > 1 || !inA.equals(inB);
  }
}
