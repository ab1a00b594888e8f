package org.topolab.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;

/**
 * Latencies of one group: an exact mean, and percentiles from an HdrHistogram (three significant
 * digits), in nanoseconds of simulated time; reported in milliseconds.
 */
public final class LatencyStats {

  private final Histogram histogram = new Histogram(3);
  private long count;
  // Exact: a sum of whole nanoseconds does not depend on the order latencies are added in.
  private long sum;

  /** Adds one latency. */
  public synchronized void record(long nanos) {
    histogram.recordValue(Math.max(0, nanos));
    count++;
    sum += nanos;
  }

  /** Adds the latencies {@code other} recorded. */
  public synchronized void merge(LatencyStats other) {
    synchronized (other) {
      histogram.add(other.histogram);
      count += other.count;
      sum += other.sum;
    }
  }

  /** How many latencies were recorded. */
  public synchronized long count() {
    return count;
  }

  /** The exact mean, in nanoseconds; 0 if nothing was recorded. */
  public synchronized double meanNanos() {
    return count == 0 ? 0 : (double) sum / count;
  }

  /** The value at {@code percentile} (0..100), in nanoseconds. */
  public synchronized long percentileNanos(double percentile) {
    return histogram.getValueAtPercentile(percentile);
  }

  /** Writes {@code mean}, {@code p50}, {@code p90}, {@code p99} and {@code max} in milliseconds. */
  public synchronized void writeMillis(ObjectNode out) {
    out.put("mean", Json.millis(meanNanos()));
    out.put("p50", Json.millis(histogram.getValueAtPercentile(50)));
    out.put("p90", Json.millis(histogram.getValueAtPercentile(90)));
    out.put("p99", Json.millis(histogram.getValueAtPercentile(99)));
    out.put("max", Json.millis(count == 0 ? 0 : histogram.getMaxValue()));
  }
}
