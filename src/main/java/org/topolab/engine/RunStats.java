package org.topolab.engine;

import org.topolab.network.NodeTraffic;

/**
 * What the engine itself measured of a run.
 *
 * @param events timed events fired (timers and network stages)
 * @param simulatedNanos simulated time the run reached
 * @param wallNanos wall-clock time it took
 * @param traffic each node's network counters, by node id
 */
public record RunStats(long events, long simulatedNanos, long wallNanos, NodeTraffic[] traffic) {}
