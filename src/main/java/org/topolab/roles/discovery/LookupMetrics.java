package org.topolab.roles.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Locale;
import org.topolab.metrics.Json;
import org.topolab.metrics.LatencyStats;
import org.topolab.node.RunWindow;
import org.topolab.role.GroupMetrics;
import org.topolab.role.SummaryRow;

/**
 * How the lookups of one discovery group fared, whatever the protocol: lookups started inside the
 * measured window, those that found a holder of their item, in how many hops, with how many
 * messages and how long; and the load, the messages each node of the group handled (received)
 * inside the window. A lookup counts by the time it started, however late it ends. Every count is
 * a whole number (hops by value, load per node), so merging partitions is exact.
 */
public final class LookupMetrics implements GroupMetrics<LookupMetrics> {

  private final RunWindow window;
  private long sent;
  private long succeeded;
  private long messages;
  private long queries;
  // hopCounts[h]: the successful lookups that took h hops.
  private long[] hopCounts = new long[16];
  private final LatencyStats latency = new LatencyStats();
  // handled[i]: the messages node i of the group received inside the window.
  private final int[] handled;

  /** Metrics of a group of {@code nodes} nodes over {@code window}. */
  public LookupMetrics(RunWindow window, int nodes) {
    this.window = window;
    this.handled = new int[nodes];
  }

  /** A lookup started at {@code start}. */
  public synchronized void started(long start) {
    if (window.measures(start)) {
      sent++;
    }
  }

  /** The lookup that started at {@code start} found a holder at {@code now}, after {@code hops} hops. */
  public synchronized void succeeded(long start, long now, int hops) {
    if (window.measures(start)) {
      succeeded++;
      if (hops >= hopCounts.length) {
        hopCounts = Arrays.copyOf(hopCounts, Math.max(hops + 1, hopCounts.length * 2));
      }
      hopCounts[hops]++;
      latency.record(now - start);
    }
  }

  /** {@code count} messages were sent or received on behalf of the lookup that started at {@code start}. */
  public synchronized void messages(long start, int count) {
    if (window.measures(start)) {
      messages += count;
    }
  }

  /**
   * {@code count} messages that carried the query on its way to a holder (not answers nor hits)
   * were sent for the lookup that started at {@code start}; they count as messages too.
   */
  public synchronized void queries(long start, int count) {
    if (window.measures(start)) {
      messages += count;
      queries += count;
    }
  }

  /** Node {@code node} (an index in the group) received a message at {@code now}. */
  public synchronized void handled(int node, long now) {
    if (window.measures(now)) {
      handled[node]++;
    }
  }

  @Override
  public synchronized void merge(LookupMetrics other) {
    synchronized (other) {
      sent += other.sent;
      succeeded += other.succeeded;
      messages += other.messages;
      queries += other.queries;
      if (other.hopCounts.length > hopCounts.length) {
        hopCounts = Arrays.copyOf(hopCounts, other.hopCounts.length);
      }
      for (int h = 0; h < other.hopCounts.length; h++) {
        hopCounts[h] += other.hopCounts[h];
      }
      latency.merge(other.latency);
      for (int i = 0; i < handled.length; i++) {
        handled[i] += other.handled[i];
      }
    }
  }

  /** Lookups started inside the window. */
  public synchronized long sent() {
    return sent;
  }

  /** Of those, the lookups that found a holder. */
  public synchronized long succeeded() {
    return succeeded;
  }

  /** The share of lookups that found a holder; NaN if none were sent. */
  public synchronized double successRate() {
    return sent == 0 ? Double.NaN : (double) succeeded / sent;
  }

  /** The mean hops of the successful lookups; NaN if none succeeded. */
  public synchronized double meanHops() {
    long sum = 0;
    for (int h = 0; h < hopCounts.length; h++) {
      sum += h * hopCounts[h];
    }
    return succeeded == 0 ? Double.NaN : (double) sum / succeeded;
  }

  /** Messages per lookup sent; NaN if none were sent. */
  public synchronized double messagesPerLookup() {
    return sent == 0 ? Double.NaN : (double) messages / sent;
  }

  /** Query messages per lookup sent; NaN if none were sent. */
  public synchronized double queriesPerLookup() {
    return sent == 0 ? Double.NaN : (double) queries / sent;
  }

  /** The busiest node's share of all the messages the group's nodes handled; NaN if they handled none. */
  public synchronized double busiestShare() {
    long total = totalHandled();
    return total == 0 ? Double.NaN : (double) Arrays.stream(handled).max().orElse(0) / total;
  }

  private long totalHandled() {
    long total = 0;
    for (int count : handled) {
      total += count;
    }
    return total;
  }

  /**
   * Writes {@code lookups}: {@code sent}, {@code succeeded}, {@code success-rate}, {@code hops}
   * ({@code mean}, {@code p50}, {@code p99}, {@code max}), {@code messages-per-lookup}, {@code
   * query-messages-per-lookup}, {@code latency-ms} ({@code mean}, {@code p50}, {@code p90}, {@code
   * p99}, {@code max}) and {@code load} ({@code min}, {@code mean}, {@code max}, {@code
   * max-per-s}, {@code busiest-share}); returns it, for the role to add its {@code theory}.
   */
  public synchronized ObjectNode write(ObjectNode group) {
    ObjectNode out = group.putObject("lookups");
    out.put("sent", sent);
    out.put("succeeded", succeeded);
    put(out, "success-rate", Json.round(successRate(), 6));
    ObjectNode hops = out.putObject("hops");
    put(hops, "mean", Json.round(meanHops(), 4));
    putHops(hops, "p50", 50);
    putHops(hops, "p99", 99);
    putHops(hops, "max", 100);
    put(out, "messages-per-lookup", Json.round(messagesPerLookup(), 4));
    put(out, "query-messages-per-lookup", Json.round(queriesPerLookup(), 4));
    ObjectNode millis = out.putObject("latency-ms");
    if (succeeded > 0) {
      latency.writeMillis(millis);
    } else {
      for (String key : new String[] {"mean", "p50", "p90", "p99", "max"}) {
        millis.putNull(key);
      }
    }
    ObjectNode load = out.putObject("load");
    load.put("min", Arrays.stream(handled).min().orElse(0));
    load.put("mean", Json.round((double) totalHandled() / handled.length, 3));
    int max = Arrays.stream(handled).max().orElse(0);
    load.put("max", max);
    put(load, "max-per-s", Json.round(max / window.seconds(), 3));
    put(load, "busiest-share", Json.round(busiestShare(), 6));
    return out;
  }

  /** Puts the nearest-rank {@code percentile} of the successful lookups' hops; null if none succeeded. */
  private void putHops(ObjectNode out, String key, int percentile) {
    if (succeeded == 0) {
      out.putNull(key);
      return;
    }
    long rank = Math.max(1, (percentile * succeeded + 99) / 100);
    long seen = 0;
    int h = 0;
    while (seen + hopCounts[h] < rank) {
      seen += hopCounts[h++];
    }
    out.put(key, h);
  }

  /** Puts the success rate, the mean hops (headline), messages per lookup, mean latency and the busiest node's share into the row. */
  public synchronized void summarize(String group, SummaryRow row) {
    row.put(group + " success", format("%.4f", successRate()));
    row.putHeadline(group + " hops", format("%.2f", meanHops()));
    row.put(group + " msgs/lookup", format("%.1f", messagesPerLookup()));
    row.put(group + " mean ms", format("%.1f", succeeded == 0 ? Double.NaN : latency.meanNanos() / 1e6));
    row.put(group + " busiest", format("%.4f", busiestShare()));
  }

  private static String format(String pattern, double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, pattern, value);
  }

  private static void put(ObjectNode out, String key, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      out.putNull(key);
    } else {
      out.put(key, value);
    }
  }
}
