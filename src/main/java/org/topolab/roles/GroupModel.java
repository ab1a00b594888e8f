package org.topolab.roles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.actor.typed.Behavior;
import org.topolab.node.NodeContext;
import org.topolab.report.SummaryRow;

/** One group of one run: creates the group's nodes and holds what they measure. */
public interface GroupModel {

  /** The behaviour of one node of the group. */
  Behavior<?> createNode(NodeContext node);

  /** Simulated time after the end of the workload that work in flight may still need. */
  default long drainNanos() {
    return 0;
  }

  /** Adds this role's fields to the group's entry in report.json. */
  void report(ObjectNode group);

  /** Adds this role's key numbers to the run's row of the console summary. */
  default void summarize(SummaryRow row) {}
}
