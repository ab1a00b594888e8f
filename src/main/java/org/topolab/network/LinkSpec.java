package org.topolab.network;

/**
 * A node's access link: uplink and downlink bandwidth in bits per second (infinite for unlimited)
 * and an access latency added to every message that leaves or enters the node.
 */
public record LinkSpec(double upBitsPerSecond, double downBitsPerSecond, long latencyNanos) {

  /** A link that never limits anything. */
  public static final LinkSpec UNLIMITED =
      new LinkSpec(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0);

  /** Nanoseconds that {@code bytes} occupy a link of {@code bitsPerSecond}. */
  public static long transmissionNanos(long bytes, double bitsPerSecond) {
    if (bytes <= 0 || bitsPerSecond == Double.POSITIVE_INFINITY) {
      return 0;
    }
    return Math.round(bytes * 8e9 / bitsPerSecond);
  }
}
