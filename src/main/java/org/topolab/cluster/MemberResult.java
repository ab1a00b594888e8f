package org.topolab.cluster;

import java.util.List;
import org.topolab.network.GroupTraffic;

/**
 * What one member's partitions measured in a run, as it travels to the coordinator: the engine's
 * figures, each group's metrics as a snapshot, each group's traffic and, in real time, how late
 * its events and the messages from other members were.
 */
record MemberResult(
    long events,
    long simulatedNanos,
    long fingerprint,
    List<byte[]> metrics,
    List<GroupTraffic> traffic,
    double meanLagNanos,
    long maxLagNanos,
    long lateMessages) {}
