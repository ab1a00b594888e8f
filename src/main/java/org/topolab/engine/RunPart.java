package org.topolab.engine;

import java.util.ArrayList;
import java.util.List;
import org.topolab.network.GroupTraffic;

/**
 * What the partitions of a run that live in one JVM measured: the whole run when all of them are
 * here, one member's share in a cluster. Shares merge, in member order, into the run's result.
 *
 * @param events timed events fired
 * @param simulatedNanos the time of the last event fired
 * @param fingerprint the sum of the partitions' event fingerprints
 * @param groups each group's metrics, merged over these partitions, in the topology's order
 * @param traffic each group's traffic over these partitions' nodes, in the topology's order
 */
public record RunPart(long events, long simulatedNanos, long fingerprint, List<MeasuredGroup<?>> groups, List<GroupTraffic> traffic) {

  /** This share and {@code other}, a later member's, as one. */
  public RunPart plus(RunPart other) {
    List<MeasuredGroup<?>> mergedGroups = new ArrayList<>();
    List<GroupTraffic> mergedTraffic = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      mergedGroups.add(MeasuredGroup.merge(List.of(groups.get(g), other.groups.get(g))));
      mergedTraffic.add(traffic.get(g).plus(other.traffic.get(g)));
    }
    return new RunPart(
        events + other.events, Math.max(simulatedNanos, other.simulatedNanos), fingerprint + other.fingerprint, mergedGroups, mergedTraffic);
  }
}
