package org.topolab.engine;

import org.topolab.network.NodeTraffic;

/**
 * What the engine itself measured of a run.
 *
 * @param events timed events fired (timers and network stages)
 * @param simulatedNanos simulated time the run reached
 * @param wallNanos wall-clock time it took
 * @param traffic each node's network counters, by node id
 * @param meanLagNanos in real time, how late timers fired on average (simulated ns); 0 in virtual time
 * @param maxLagNanos in real time, the latest a timer fired (simulated ns); 0 in virtual time
 * @param fingerprint in virtual time, a hash of the sequence of fired events; 0 in real time
 */
public record RunStats(
    long events, long simulatedNanos, long wallNanos, NodeTraffic[] traffic, double meanLagNanos, long maxLagNanos, long fingerprint) {}
