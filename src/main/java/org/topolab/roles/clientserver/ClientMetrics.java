package org.topolab.roles.clientserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.topolab.faults.Availability;
import org.topolab.faults.FaultTimes;
import org.topolab.metrics.Json;
import org.topolab.metrics.LatencyStats;
import org.topolab.metrics.RateSeries;
import org.topolab.node.RunWindow;
import org.topolab.role.GroupMetrics;
import org.topolab.role.SummaryRow;

/**
 * What the clients of one group measure together. A request counts if it was sent inside the
 * measured window; its final outcome is counted whenever it comes, so that sent = ok + failed +
 * timeouts + rejected + unauthorised + rate-limited once the run has drained. A request sent again counts once in those, and
 * each resend in {@code retries}.
 *
 * <p>Availability is the share of requests that succeeded: over the measured window, among those
 * sent while a fault was in force, and per interval of the whole run by when each was first sent.
 */
public final class ClientMetrics implements GroupMetrics<ClientMetrics>, Availability {

  private final RunWindow window;
  private final FaultTimes faults;
  private final LatencyStats latency = new LatencyStats();
  private final RateSeries completions;
  // Requests first sent in each interval of the run, and those of them that succeeded.
  private final long[] sentIn;
  private final long[] okIn;
  private long sentDuringFaults;
  private long okDuringFaults;
  private long sent;
  private long ok;
  private long failed;
  private long timeouts;
  private long rejected;
  private long unauthorised;
  private long rateLimited;
  private long retries;

  /** Metrics kept over {@code window}, in a run without faults. */
  public ClientMetrics(RunWindow window) {
    this(window, FaultTimes.NONE);
  }

  /** Metrics kept over {@code window}, in a run whose faults are in force at {@code faults}. */
  public ClientMetrics(RunWindow window, FaultTimes faults) {
    this.window = window;
    this.faults = faults;
    this.completions = new RateSeries(window);
    int intervals = (int) Math.min(100_000, (window.endNanos() + window.intervalNanos() - 1) / window.intervalNanos());
    this.sentIn = new long[intervals];
    this.okIn = new long[intervals];
  }

  synchronized void sent(long now) {
    if (now < window.endNanos()) {
      sentIn[interval(now)]++;
    }
    if (window.measures(now)) {
      sent++;
      if (faults.activeAt(now)) {
        sentDuringFaults++;
      }
    }
  }

  private int interval(long now) {
    return (int) Math.min(sentIn.length - 1, now / window.intervalNanos());
  }

  void answered(long sentAt, long now, Response.Outcome outcome) {
    if (outcome == Response.Outcome.OK) {
      completions.count(now);
    }
    synchronized (this) {
      if (outcome == Response.Outcome.OK && sentAt < window.endNanos()) {
        okIn[interval(sentAt)]++;
      }
      if (!window.measures(sentAt)) {
        return;
      }
      switch (outcome) {
        case OK -> {
          ok++;
          latency.record(now - sentAt);
          if (faults.activeAt(sentAt)) {
            okDuringFaults++;
          }
        }
        case REJECTED -> rejected++;
        case FAILED -> failed++;
        case UNAUTHORISED -> unauthorised++;
        case RATE_LIMITED -> rateLimited++;
      }
    }
  }

  synchronized void timedOut(long sentAt) {
    if (window.measures(sentAt)) {
      timeouts++;
    }
  }

  /** A request first sent at {@code firstSentAt} was sent again. */
  synchronized void retried(long firstSentAt) {
    if (window.measures(firstSentAt)) {
      retries++;
    }
  }

  @Override
  public synchronized void merge(ClientMetrics other) {
    synchronized (other) {
      latency.merge(other.latency);
      completions.merge(other.completions);
      sent += other.sent;
      ok += other.ok;
      failed += other.failed;
      timeouts += other.timeouts;
      rejected += other.rejected;
      unauthorised += other.unauthorised;
      rateLimited += other.rateLimited;
      retries += other.retries;
      sentDuringFaults += other.sentDuringFaults;
      okDuringFaults += other.okDuringFaults;
      for (int i = 0; i < sentIn.length; i++) {
        sentIn[i] += other.sentIn[i];
        okIn[i] += other.okIn[i];
      }
    }
  }

  @Override
  public synchronized long[] sentPerInterval() {
    return sentIn.clone();
  }

  @Override
  public synchronized long[] okPerInterval() {
    return okIn.clone();
  }

  /** The latency of successful requests, from their first attempt. */
  public LatencyStats latency() {
    return latency;
  }

  /** Successful requests per second of measured window. */
  public synchronized double throughput() {
    return ok / window.seconds();
  }

  /** Writes {@code requests} and {@code series} into a group's report. */
  public synchronized void write(ObjectNode group) {
    ObjectNode requests = group.putObject("requests");
    requests.put("sent", sent);
    requests.put("ok", ok);
    requests.put("failed", failed);
    requests.put("timeouts", timeouts);
    requests.put("rejected", rejected);
    requests.put("unauthorised", unauthorised);
    requests.put("rate-limited", rateLimited);
    requests.put("retries", retries);
    requests.put("throughput-per-s", Json.round(throughput(), 3));
    putShare(requests, "availability", ok, sent);
    putShare(requests, "availability-during-faults", okDuringFaults, sentDuringFaults);
    latency.writeMillis(requests.putObject("latency-ms"));
    ObjectNode series = group.putObject("series");
    series.put("interval-s", Json.seconds(window.intervalNanos()));
    series.set("ok-per-s", Json.array(completions.perSecond(), 3));
    ArrayNode availability = series.putArray("availability");
    for (int i = 0; i < sentIn.length; i++) {
      if (sentIn[i] == 0) {
        availability.addNull();
      } else {
        availability.add(Json.round((double) okIn[i] / sentIn[i], 4));
      }
    }
  }

  /** {@code part / whole} at {@code key}, or null where {@code whole} is 0. */
  private static void putShare(ObjectNode out, String key, long part, long whole) {
    if (whole == 0) {
      out.putNull(key);
    } else {
      out.put(key, Json.round((double) part / whole, 4));
    }
  }

  /** Puts the key numbers of {@code group} into the summary row. */
  public synchronized void summarize(String group, SummaryRow row) {
    row.putHeadline(group + " ok/s", String.format("%.1f", throughput()));
    row.put(group + " mean ms", String.format("%.2f", latency.meanNanos() / 1e6));
    row.putHeadline(group + " p99 ms", String.format("%.2f", latency.percentileNanos(99) / 1e6));
    long lost = failed + timeouts + rejected + unauthorised + rateLimited;
    row.put(group + " failed", sent == 0 ? "-" : String.format("%.1f%%", 100.0 * lost / sent));
    if (!faults.isEmpty()) {
      row.putHeadline(group + " avail", percent(ok, sent));
      row.put(group + " avail in faults", percent(okDuringFaults, sentDuringFaults));
    }
  }

  private static String percent(long part, long whole) {
    return whole == 0 ? "-" : String.format("%.1f%%", 100.0 * part / whole);
  }
}
