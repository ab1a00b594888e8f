package org.topolab.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.topolab.node.NodeContext;
import org.topolab.role.GroupMetrics;
import org.topolab.role.GroupModel;
import org.topolab.role.SummaryRow;

/**
 * A group's model with one set of its metrics: what one partition holds of a group while a run
 * goes on, or, merged, what the whole run measured of it.
 *
 * @param <M> what the group's nodes measure
 */
public final class MeasuredGroup<M extends GroupMetrics<M>> {

  private final GroupModel<M> model;
  private final M metrics;

  private MeasuredGroup(GroupModel<M> model, M metrics) {
    this.model = model;
    this.metrics = metrics;
  }

  /** The group of {@code model} with fresh metrics. */
  public static <M extends GroupMetrics<M>> MeasuredGroup<M> start(GroupModel<M> model) {
    return new MeasuredGroup<>(model, model.newMetrics());
  }

  /**
   * The whole run's view of a group: fresh metrics into which {@code parts} (the partitions' views
   * of the same group, in partition order) are merged one after the other.
   */
  public static MeasuredGroup<?> merge(List<MeasuredGroup<?>> parts) {
    return mergeTyped(parts.get(0).model, parts);
  }

  @SuppressWarnings("unchecked")
  private static <M extends GroupMetrics<M>> MeasuredGroup<M> mergeTyped(GroupModel<M> model, List<MeasuredGroup<?>> parts) {
    MeasuredGroup<M> merged = start(model);
    for (MeasuredGroup<?> part : parts) {
      merged.metrics.merge(((MeasuredGroup<M>) part).metrics);
    }
    return merged;
  }

  /** The group's model. */
  public GroupModel<M> model() {
    return model;
  }

  /** The metrics nodes record into. */
  public M metrics() {
    return metrics;
  }

  /** A node of the group, recording into these metrics. */
  public Behavior<?> createNode(NodeContext node) {
    return model.createNode(node, metrics);
  }

  /** Writes the role's fields into the group's entry of report.json. */
  public void report(ObjectNode group) {
    model.report(group, metrics);
  }

  /** Adds the role's key numbers to the run's console row. */
  public void summarize(SummaryRow row) {
    model.summarize(row, metrics);
  }
}
