package org.topolab.scenario;

import java.util.List;
import org.topolab.cost.CostModel;
import org.topolab.distribution.Distribution;
import org.topolab.faults.FaultSchedule;
import org.topolab.node.RunWindow;
import org.topolab.node.Topology;
import org.topolab.role.GroupModel;
import org.topolab.time.TimeMode;

/**
 * One run, validated and ready to execute: its settings, its nodes, and a model per group.
 *
 * @param spec the run this was read from
 * @param seed the seed of every random draw
 * @param time virtual or real time
 * @param timeScale how much faster than the wall clock real time runs
 * @param window the measured part of the run
 * @param latency one-way network latency, in nanoseconds
 * @param loss probability that a message is lost
 * @param topology the groups and their node ids
 * @param models one per group, in the topology's order
 * @param partitionOfGroup for each group, in the topology's order, the partition that holds all
 *     its nodes when the run is split ({@code partition} key), or {@link #SPREAD}
 * @param faults the faults and churn of the run, worked out from the seed
 * @param cost the prices of what the run uses ({@code cost} block), or null
 */
public record RunSetup(
    RunSpec spec,
    long seed,
    TimeMode time,
    double timeScale,
    RunWindow window,
    Distribution latency,
    double loss,
    Topology topology,
    List<GroupModel<?>> models,
    List<Integer> partitionOfGroup,
    FaultSchedule faults,
    CostModel cost) {

  /** A group whose nodes are spread over every partition. */
  public static final int SPREAD = -1;

  /** Simulated time after the end of the workload that the run goes on for work in flight. */
  public long drainNanos() {
    return models.stream().mapToLong(GroupModel::drainNanos).max().orElse(0);
  }
}
