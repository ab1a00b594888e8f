package org.topolab.roles.clientserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.topolab.metrics.Json;
import org.topolab.metrics.LatencyStats;
import org.topolab.metrics.RateSeries;
import org.topolab.node.RunWindow;
import org.topolab.role.GroupMetrics;
import org.topolab.role.SummaryRow;

/**
 * What the clients of one group measure together. A request counts if it was sent inside the
 * measured window; its final outcome is counted whenever it comes, so that sent = ok + failed +
 * timeouts + rejected once the run has drained. A request sent again counts once in those, and
 * each resend in {@code retries}.
 */
public final class ClientMetrics implements GroupMetrics<ClientMetrics> {

  private final RunWindow window;
  private final LatencyStats latency = new LatencyStats();
  private final RateSeries completions;
  private long sent;
  private long ok;
  private long failed;
  private long timeouts;
  private long rejected;
  private long retries;

  /** Metrics kept over {@code window}. */
  public ClientMetrics(RunWindow window) {
    this.window = window;
    this.completions = new RateSeries(window);
  }

  synchronized void sent(long now) {
    if (window.measures(now)) {
      sent++;
    }
  }

  void answered(long sentAt, long now, Response.Outcome outcome) {
    if (outcome == Response.Outcome.OK) {
      completions.count(now);
    }
    if (!window.measures(sentAt)) {
      return;
    }
    synchronized (this) {
      switch (outcome) {
        case OK -> {
          ok++;
          latency.record(now - sentAt);
        }
        case REJECTED -> rejected++;
        case FAILED -> failed++;
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
      retries += other.retries;
    }
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
    requests.put("retries", retries);
    requests.put("throughput-per-s", Json.round(throughput(), 3));
    latency.writeMillis(requests.putObject("latency-ms"));
    ObjectNode series = group.putObject("series");
    series.put("interval-s", Json.seconds(window.intervalNanos()));
    series.set("ok-per-s", Json.array(completions.perSecond(), 3));
  }

  /** Puts the key numbers of {@code group} into the summary row. */
  public synchronized void summarize(String group, SummaryRow row) {
    row.putHeadline(group + " ok/s", String.format("%.1f", throughput()));
    row.put(group + " mean ms", String.format("%.2f", latency.meanNanos() / 1e6));
    row.putHeadline(group + " p99 ms", String.format("%.2f", latency.percentileNanos(99) / 1e6));
    long lost = failed + timeouts + rejected;
    row.put(group + " failed", sent == 0 ? "-" : String.format("%.1f%%", 100.0 * lost / sent));
  }
}
