package com.example.ping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.topolab.metrics.LatencyStats;
import org.topolab.node.RunWindow;
import org.topolab.role.GroupMetrics;

/**
 * What the nodes of one ping group measure together. A ping counts if it was sent inside the
 * measured window; its fate is counted whenever it is known, so sent = answered + lost once the
 * run has drained.
 */
public final class PingMetrics implements GroupMetrics<PingMetrics> {

  private final RunWindow window;
  private final LatencyStats roundTrips = new LatencyStats();
  private long sent;
  private long answered;
  private long lost;

  /** Metrics kept over {@code window}. */
  public PingMetrics(RunWindow window) {
    this.window = window;
  }

  /** Adds what another partition's ping nodes of the same group measured. */
  @Override
  public synchronized void merge(PingMetrics other) {
    sent += other.sent;
    answered += other.answered;
    lost += other.lost;
    roundTrips.merge(other.roundTrips);
  }

  synchronized void sent(long now) {
    if (window.measures(now)) {
      sent++;
    }
  }

  synchronized void answered(long sentAt, long now) {
    if (window.measures(sentAt)) {
      answered++;
      roundTrips.record(now - sentAt);
    }
  }

  synchronized void lost(long sentAt) {
    if (window.measures(sentAt)) {
      lost++;
    }
  }

  /** The round-trip times of answered pings. */
  public LatencyStats roundTrips() {
    return roundTrips;
  }

  /** Writes {@code pings} and {@code rtt-ms} into a group's report. */
  public synchronized void write(ObjectNode group) {
    ObjectNode pings = group.putObject("pings");
    pings.put("sent", sent);
    pings.put("answered", answered);
    pings.put("lost", lost);
    roundTrips.writeMillis(group.putObject("rtt-ms"));
  }
}
