package org.topolab.network;

/**
 * How a node's access link is degraded for a while: latency added to every message that leaves or
 * enters the node, a probability that such a message is lost, and the bandwidth of both directions.
 *
 * @param addedLatencyNanos added to the one-way latency of each message to or from the node
 * @param loss probability that a message to or from the node is lost, on top of the network's
 * @param bitsPerSecond the link's bandwidth in both directions while degraded; NaN leaves it as it is
 */
public record LinkDegradation(long addedLatencyNanos, double loss, double bitsPerSecond) {

  /** Both degradations at once: latencies add, losses compound, the lower bandwidth holds. */
  public LinkDegradation and(LinkDegradation other) {
    double bandwidth = Double.isNaN(bitsPerSecond) ? other.bitsPerSecond
        : Double.isNaN(other.bitsPerSecond) ? bitsPerSecond : Math.min(bitsPerSecond, other.bitsPerSecond);
    return new LinkDegradation(addedLatencyNanos + other.addedLatencyNanos, 1 - (1 - loss) * (1 - other.loss), bandwidth);
  }

  /** The bandwidth of a link of {@code bitsPerSecond} while degraded. */
  public double bandwidth(double bitsPerSecond) {
    return Double.isNaN(this.bitsPerSecond) ? bitsPerSecond : this.bitsPerSecond;
  }
}
