package org.topolab.node;

/**
 * The part of a run that the metrics cover: from the end of the warm-up to the end of the
 * workload, in nanoseconds of simulated time, and the interval at which time series are kept.
 */
public record RunWindow(long warmupNanos, long endNanos, long intervalNanos) {

  /** Whether something that started at {@code time} is measured. */
  public boolean measures(long time) {
    return time >= warmupNanos && time < endNanos;
  }

  /** Length of the measured window in seconds. */
  public double seconds() {
    return (endNanos - warmupNanos) / 1e9;
  }
}
