package org.topolab.engine;

/**
 * Which partition each node of a run lives in: node {@code id} in partition {@code id % partitions}.
 * A group's nodes have consecutive ids, so every group is spread evenly over the partitions, and
 * groups of one node (a tracker, a load balancer) land in different partitions rather than all in
 * the first. Fixed for the whole run: a node never moves.
 *
 * @param partitions how many partitions the run is split into
 */
public record Placement(int partitions) {

  /** A placement over {@code partitions} partitions. */
  public Placement {
    if (partitions < 1) {
      throw new IllegalArgumentException("a run needs at least one partition, not " + partitions);
    }
  }

  /** The partition node {@code id} lives in. */
  public int partitionOf(int id) {
    return id % partitions;
  }
}
