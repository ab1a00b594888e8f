package org.topolab.engine;

import java.util.List;
import org.topolab.network.GroupTraffic;

/**
 * What a run measured: the engine's own figures, each group's traffic and metrics, merged over
 * the run's partitions and members.
 *
 * @param events timed events fired (timers and network stages)
 * @param simulatedNanos simulated time the run reached
 * @param spawnNanos wall-clock time from the run's start until all its nodes existed, before simulated
 *     time started (on a cluster, until the last member had spawned its share)
 * @param wallNanos wall-clock time it took, spawning included
 * @param traffic each group's traffic, in the topology's order
 * @param groups each group's merged metrics, in the topology's order
 * @param partitions how many partitions the run was split into
 * @param members how many JVMs ran it (1 unless on a cluster)
 * @param meanLagNanos in real time, how late events reached their nodes on average (simulated ns),
 *     see {@link org.topolab.time.RealTime#meanLagNanos()}; 0 in virtual time
 * @param maxLagNanos in real time, the latest an event was (simulated ns); 0 in virtual time
 * @param fingerprint in virtual time, a hash of the canonical sequence of fired events; 0 in real time
 * @param lateMessages in real time on a cluster, messages that reached their member after their arrival time
 */
public record RunStats(
    long events,
    long simulatedNanos,
    long spawnNanos,
    long wallNanos,
    List<GroupTraffic> traffic,
    List<MeasuredGroup<?>> groups,
    int partitions,
    int members,
    double meanLagNanos,
    long maxLagNanos,
    long fingerprint,
    long lateMessages) {

  /** The stats of a run whose partitions measured {@code part}. */
  public static RunStats of(RunPart part, long spawnNanos, long wallNanos, int partitions, int members) {
    return new RunStats(
        part.events(), part.simulatedNanos(), spawnNanos, wallNanos, part.traffic(), part.groups(), partitions, members, 0, 0,
        part.fingerprint(), 0);
  }

  /** These stats with the lag of a real-time run, and its messages from other members that came late. */
  public RunStats withLag(double meanLagNanos, long maxLagNanos, long lateMessages) {
    return new RunStats(
        events, simulatedNanos, spawnNanos, wallNanos, traffic, groups, partitions, members, meanLagNanos, maxLagNanos, fingerprint, lateMessages);
  }
}
