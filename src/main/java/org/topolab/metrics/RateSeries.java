package org.topolab.metrics;

import org.topolab.node.RunWindow;

/** Counts events per interval of simulated time, reported as events per second. */
public final class RateSeries {

  private final RunWindow window;
  private final long[] counts;

  /** Counts over {@code window}, one bucket per interval. */
  public RateSeries(RunWindow window) {
    this.window = window;
    this.counts = new long[(int) Math.min(100_000, (window.endNanos() + window.intervalNanos() - 1) / window.intervalNanos())];
  }

  /** Counts one event at {@code now}; events after the end of the workload are not kept. */
  public synchronized void count(long now) {
    if (now >= 0 && now < window.endNanos()) {
      counts[(int) Math.min(counts.length - 1, now / window.intervalNanos())]++;
    }
  }

  /** Adds the events {@code other} counted, interval by interval. */
  public synchronized void merge(RateSeries other) {
    synchronized (other) {
      for (int i = 0; i < counts.length; i++) {
        counts[i] += other.counts[i];
      }
    }
  }

  /** Events per second in each interval. */
  public synchronized double[] perSecond() {
    double[] rates = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      long start = i * window.intervalNanos();
      long length = Math.min(window.intervalNanos(), window.endNanos() - start);
      rates[i] = counts[i] * 1e9 / length;
    }
    return rates;
  }
}
