package org.topolab.metrics;

import org.topolab.node.RunWindow;

/**
 * A quantity that changes at moments in simulated time (busy workers, queue length), averaged over
 * time: over the measured window, and per interval for a time series. Updated on change only, so
 * it costs nothing while nothing happens.
 */
public final class TimeWeighted {

  private final RunWindow window;
  private final double[] buckets;
  private double value;
  private long last;
  private double windowIntegral;

  /** A quantity at 0 from time 0, kept over {@code window}. */
  public TimeWeighted(RunWindow window) {
    this.window = window;
    this.buckets = new double[(int) Math.min(100_000, (window.endNanos() + window.intervalNanos() - 1) / window.intervalNanos())];
  }

  /** Changes the quantity by {@code delta} at {@code now}. */
  public synchronized void add(long now, double delta) {
    advance(now);
    value += delta;
  }

  /** The time average over the measured window, once the run has reached its end. */
  public synchronized double windowMean() {
    advance(window.endNanos());
    return windowIntegral / (window.endNanos() - window.warmupNanos());
  }

  /** The time average in each interval from 0 to the end of the workload. */
  public synchronized double[] series() {
    advance(window.endNanos());
    double[] means = new double[buckets.length];
    for (int i = 0; i < buckets.length; i++) {
      long start = i * window.intervalNanos();
      long length = Math.min(window.intervalNanos(), window.endNanos() - start);
      means[i] = buckets[i] / length;
    }
    return means;
  }

  private void advance(long now) {
    long end = Math.min(now, window.endNanos());
    if (end <= last) {
      last = Math.max(last, end);
      return;
    }
    if (value != 0) {
      long from = Math.max(last, window.warmupNanos());
      if (end > from) {
        windowIntegral += value * (end - from);
      }
      long t = last;
      while (t < end) {
        int bucket = (int) Math.min(buckets.length - 1, t / window.intervalNanos());
        long bucketEnd = Math.min(end, (bucket + 1) * window.intervalNanos());
        if (bucket == buckets.length - 1) {
          bucketEnd = end;
        }
        buckets[bucket] += value * (bucketEnd - t);
        t = bucketEnd;
      }
    }
    last = end;
  }
}
