package org.topolab.roles.p2p;

/**
 * How fast a source delivers what it is asked for: the mean time between its deliveries while
 * requests to it are outstanding (a moving average), 0 until measured.
 */
final class Pace {

  private long intervalNanos;
  private long busySince;

  /** A request goes out at {@code now}; {@code idle}: none was outstanding before it. */
  void asked(long now, boolean idle) {
    if (idle) {
      busySince = now;
    }
  }

  /**
   * An answer came at {@code now}; {@code measured} is false when it answers a request sent more
   * than once, whose wait includes a timeout and says nothing of the pace (Karn's rule).
   */
  void delivered(long now, boolean measured) {
    if (measured) {
      long sample = Math.max(1, now - busySince);
      intervalNanos = intervalNanos == 0 ? sample : (3 * intervalNanos + sample) / 4;
    }
    busySince = now;
  }

  /** The mean time between deliveries; 0 until one has come. */
  long nanos() {
    return intervalNanos;
  }
}
