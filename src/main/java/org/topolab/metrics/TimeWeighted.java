package org.topolab.metrics;

import org.topolab.node.RunWindow;

/**
 * A whole-numbered quantity that changes at moments in simulated time (busy workers, queue
 * length), averaged over time: over the measured window, and per interval for a time series.
 * Updated on change only, so it costs nothing while nothing happens.
 *
 * <p>Integrals are kept exactly (128-bit sums of value x nanoseconds), so that the same changes
 * give the same averages however they are split up and merged.
 */
public final class TimeWeighted {

  private final RunWindow window;
  // Each integral as two longs: high and low 64 bits. Index 0 is the window, 1.. the intervals.
  private final long[] high;
  private final long[] low;
  private long value;
  private long last;

  /** A quantity at 0 from time 0, kept over {@code window}. */
  public TimeWeighted(RunWindow window) {
    this.window = window;
    int intervals = (int) Math.min(100_000, (window.endNanos() + window.intervalNanos() - 1) / window.intervalNanos());
    this.high = new long[intervals + 1];
    this.low = new long[intervals + 1];
  }

  /** Changes the quantity by {@code delta} at {@code now}. */
  public synchronized void add(long now, long delta) {
    advance(now);
    value += delta;
  }

  /** Adds what {@code other} measured, as if its changes had been made here too. */
  public synchronized void merge(TimeWeighted other) {
    synchronized (other) {
      advance(window.endNanos());
      other.advance(window.endNanos());
      for (int i = 0; i < high.length; i++) {
        accumulate(i, other.high[i], other.low[i]);
      }
      value += other.value;
    }
  }

  /** The time average over the measured window, once the run has reached its end. */
  public synchronized double windowMean() {
    advance(window.endNanos());
    return toDouble(0) / (window.endNanos() - window.warmupNanos());
  }

  /** The time average in each interval from 0 to the end of the workload. */
  public synchronized double[] series() {
    advance(window.endNanos());
    double[] means = new double[high.length - 1];
    for (int i = 0; i < means.length; i++) {
      long start = i * window.intervalNanos();
      long length = Math.min(window.intervalNanos(), window.endNanos() - start);
      means[i] = toDouble(i + 1) / length;
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
        add(0, value, end - from);
      }
      int intervals = high.length - 1;
      long t = last;
      while (t < end) {
        int bucket = (int) Math.min(intervals - 1, t / window.intervalNanos());
        long bucketEnd = bucket == intervals - 1 ? end : Math.min(end, (bucket + 1) * window.intervalNanos());
        add(bucket + 1, value, bucketEnd - t);
        t = bucketEnd;
      }
    }
    last = end;
  }

  /** Adds {@code value * nanos} to integral {@code index}, in 128 bits. */
  private void add(int index, long value, long nanos) {
    accumulate(index, Math.multiplyHigh(value, nanos), value * nanos);
  }

  private void accumulate(int index, long addHigh, long addLow) {
    long sum = low[index] + addLow;
    long carry = Long.compareUnsigned(sum, low[index]) < 0 ? 1 : 0;
    low[index] = sum;
    high[index] += addHigh + carry;
  }

  private double toDouble(int index) {
    double unsignedLow = (low[index] >>> 1) * 2.0 + (low[index] & 1);
    return high[index] * 0x1p64 + unsignedLow;
  }
}
