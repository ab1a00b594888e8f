package org.topolab.roles.p2p;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import org.topolab.metrics.Json;
import org.topolab.node.RunWindow;
import org.topolab.role.GroupMetrics;
import org.topolab.role.SummaryRow;

/**
 * What the receivers of one download group measure together: each receiver's distribution time
 * (from its own start to holding the whole file), completions and download throughput over time.
 * The whole run counts; a warm-up does not apply to a download.
 *
 * <p>A receiver that crashes loses what it held; restarted, it starts over as a fresh node. Each
 * receiver counts once, at its first completion, with the time of the life in which it completed:
 * a restarted peer that completes again is not counted again.
 */
public final class DownloadMetrics implements GroupMetrics<DownloadMetrics> {

  private final RunWindow window;
  private final int receivers;
  private final FluidBound bound;
  private final long[] completedIn;
  private final long[] bytesIn;
  private long[] times = new long[16];
  private int completed;
  // The receivers that have completed: bit (id mod 64) of word (id / 64). A plain array, so that a
  // cluster member can send it as it sends every other field.
  private long[] done = new long[0];
  private long fileBytes = -1;
  private long resentRequests;
  private long resentControl;
  private long duplicateBytes;
  // Chunk bytes the group's nodes sent, for groups that upload (peers).
  private final LongAdder uploaded = new LongAdder();
  // Corrupt chunks and bans, for peers.
  private final SwarmSecurity security = new SwarmSecurity();

  /** Metrics of {@code receivers} receivers over {@code window}, against {@code bound} (null: none). */
  public DownloadMetrics(RunWindow window, int receivers, FluidBound bound) {
    this.window = window;
    this.receivers = receivers;
    this.bound = bound;
    int intervals = (int) Math.min(100_000, (window.endNanos() + window.intervalNanos() - 1) / window.intervalNanos());
    this.completedIn = new long[intervals];
    this.bytesIn = new long[intervals];
  }

  /** The size of the file as its source described it. */
  @Override
  public synchronized void merge(DownloadMetrics other) {
    synchronized (other) {
      for (int i = 0; i < completedIn.length; i++) {
        completedIn[i] += other.completedIn[i];
        bytesIn[i] += other.bytesIn[i];
      }
      if (completed + other.completed > times.length) {
        times = Arrays.copyOf(times, completed + other.completed);
      }
      System.arraycopy(other.times, 0, times, completed, other.completed);
      completed += other.completed;
      if (other.done.length > done.length) {
        done = Arrays.copyOf(done, other.done.length);
      }
      for (int w = 0; w < other.done.length; w++) {
        done[w] |= other.done[w];
      }
      fileBytes = Math.max(fileBytes, other.fileBytes);
      resentRequests += other.resentRequests;
      resentControl += other.resentControl;
      duplicateBytes += other.duplicateBytes;
      uploaded.add(other.uploaded.sum());
      security.merge(other.security);
    }
  }

  /** Counts the chunk bytes this group's nodes upload. */
  public LongAdder uploaded() {
    return uploaded;
  }

  /** The corrupt chunks and bans of a group of peers. */
  SwarmSecurity security() {
    return security;
  }

  synchronized void fileSize(long bytes) {
    fileBytes = bytes;
  }

  /** {@code bytes} of content arrived at {@code now}. */
  synchronized void received(long now, long bytes) {
    bytesIn[interval(now)] += bytes;
  }

  /** Receiver {@code node}, which started (this life) at {@code startedAt}, holds the whole file at {@code now}. */
  synchronized void completed(int node, long startedAt, long now) {
    int word = node >>> 6;
    if (word < done.length && (done[word] & (1L << node)) != 0) {
      return; // completed before a crash: it counts once
    }
    if (word >= done.length) {
      done = Arrays.copyOf(done, word + 1);
    }
    done[word] |= 1L << node;
    completedIn[interval(now)]++;
    if (completed == times.length) {
      times = Arrays.copyOf(times, completed * 2);
    }
    times[completed++] = now - startedAt;
  }

  /** A chunk request went unanswered past its timeout and was sent again. */
  synchronized void resentRequest() {
    resentRequests++;
  }

  /** A control message (a question for the file, the tracker or a neighbour) was sent again for want of an answer. */
  synchronized void resentControl() {
    resentControl++;
  }

  /** {@code bytes} of content arrived that the receiver had already. */
  synchronized void duplicate(long bytes) {
    duplicateBytes += bytes;
  }

  private int interval(long now) {
    return (int) Math.min(completedIn.length - 1, Math.max(0, now / window.intervalNanos()));
  }

  /** Receivers that hold the whole file. */
  public synchronized int completed() {
    return completed;
  }

  /** The distribution time: when the last receiver completed, in seconds; NaN if one did not. */
  public synchronized double distributionSeconds() {
    return completed < receivers || completed == 0 ? Double.NaN : percentile(sorted(), 100) / 1e9;
  }

  /** The fluid lower bound in seconds; NaN until the file's size is known. */
  public synchronized double boundSeconds() {
    return fileBytes < 0 || bound == null ? Double.NaN : bound.seconds(fileBytes);
  }

  /** Writes {@code downloads} and {@code series} into a group's report. */
  public synchronized void write(ObjectNode group) {
    ObjectNode downloads = group.putObject("downloads");
    downloads.put("file-bytes", fileBytes);
    downloads.put("completed", completed);
    downloads.put("incomplete", receivers - completed);
    ObjectNode time = downloads.putObject("time-s");
    long[] sorted = sorted();
    if (completed > 0) {
      time.put("mean", Json.seconds(Arrays.stream(sorted).average().orElse(0)));
      time.put("min", Json.seconds(sorted[0]));
      time.put("p50", Json.seconds(percentile(sorted, 50)));
      time.put("p90", Json.seconds(percentile(sorted, 90)));
      time.put("max", Json.seconds(sorted[completed - 1]));
    }
    downloads.put("resent-requests", resentRequests);
    downloads.put("resent-control", resentControl);
    downloads.put("duplicate-bytes", duplicateBytes);
    putNumber(downloads, "bound-s", Json.round(boundSeconds(), 6));
    putNumber(downloads, "ratio-to-bound", Json.round(distributionSeconds() / boundSeconds(), 4));
    ObjectNode series = group.putObject("series");
    series.put("interval-s", Json.seconds(window.intervalNanos()));
    ArrayNode cumulative = series.putArray("completed");
    ArrayNode throughput = series.putArray("throughput-mbps");
    long sum = 0;
    for (int i = 0; i < completedIn.length; i++) {
      sum += completedIn[i];
      cumulative.add(sum);
      long length = Math.min(window.intervalNanos(), window.endNanos() - i * window.intervalNanos());
      throughput.add(Json.round(bytesIn[i] * 8e3 / length, 3));
    }
  }

  /** Puts the group's key numbers into the summary row. */
  public synchronized void summarize(String group, SummaryRow row) {
    row.put(group + " done", completed + "/" + receivers);
    row.putHeadline(group + " time s", format(distributionSeconds()));
    row.putHeadline(group + " bound s", format(boundSeconds()));
    double ratio = distributionSeconds() / boundSeconds();
    row.putHeadline(group + " ratio", Double.isNaN(ratio) || Double.isInfinite(ratio) ? "-" : String.format("%.3f", ratio));
  }

  private static String format(double seconds) {
    return Double.isNaN(seconds) ? "-" : String.format("%.2f", seconds);
  }

  private static void putNumber(ObjectNode out, String key, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      out.putNull(key);
    } else {
      out.put(key, value);
    }
  }

  private long[] sorted() {
    long[] sorted = Arrays.copyOf(times, completed);
    Arrays.sort(sorted);
    return sorted;
  }

  /** The nearest-rank percentile of sorted values. */
  private static long percentile(long[] sorted, double percentile) {
    int rank = (int) Math.ceil(percentile / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
