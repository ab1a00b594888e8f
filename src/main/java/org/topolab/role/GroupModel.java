package org.topolab.role;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.actor.typed.Behavior;
import org.topolab.node.NodeContext;

/**
 * One group of one run: creates the group's nodes, and metrics for them in each partition, and
 * reports what they measured once the partitions' metrics are merged. The same model is built from
 * the scenario wherever the group's nodes run.
 *
 * @param <M> what the group's nodes measure
 */
public interface GroupModel<M extends GroupMetrics<M>> {

  /** Empty metrics for the group's nodes in one partition. */
  M newMetrics();

  /** The behaviour of one node of the group, which records into {@code metrics}. */
  Behavior<?> createNode(NodeContext node, M metrics);

  /** Simulated time after the end of the workload that work in flight may still need. */
  default long drainNanos() {
    return 0;
  }

  /** Adds this role's fields to the group's entry in report.json, from the merged {@code metrics}. */
  void report(ObjectNode group, M metrics);

  /** Adds this role's key numbers to the run's row of the console summary. */
  default void summarize(SummaryRow row, M metrics) {}
}
