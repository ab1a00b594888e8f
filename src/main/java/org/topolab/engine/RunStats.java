package org.topolab.engine;

import java.util.List;
import org.topolab.network.NodeTraffic;

/**
 * What a run measured: the engine's own figures, each node's traffic and each group's metrics,
 * merged over the run's partitions.
 *
 * @param events timed events fired (timers and network stages)
 * @param simulatedNanos simulated time the run reached
 * @param wallNanos wall-clock time it took
 * @param traffic each node's network counters, by node id
 * @param groups each group's merged metrics, in the topology's order
 * @param partitions how many partitions the run was split into
 * @param meanLagNanos in real time, how late events reached their nodes on average (simulated ns),
 *     see {@link org.topolab.time.RealTime#meanLagNanos()}; 0 in virtual time
 * @param maxLagNanos in real time, the latest an event was (simulated ns); 0 in virtual time
 * @param fingerprint in virtual time, a hash of the canonical sequence of fired events; 0 in real time
 */
public record RunStats(
    long events,
    long simulatedNanos,
    long wallNanos,
    NodeTraffic[] traffic,
    List<MeasuredGroup<?>> groups,
    int partitions,
    double meanLagNanos,
    long maxLagNanos,
    long fingerprint) {}
