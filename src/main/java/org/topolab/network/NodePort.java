package org.topolab.network;

import java.util.SplittableRandom;

/**
 * One node's side of the network: when its uplink and downlink are next free, its own random
 * stream for latency and loss, and its traffic counters.
 *
 * <p>No lock is needed: the sending half (uplink, random stream, sent and dropped counts) is only
 * touched by the node's own actor when it sends, one message at a time, and the receiving half
 * (downlink, received counts) only by the clock's single thread. The counters are read once the
 * run has stopped.
 */
final class NodePort {

  final LinkSpec link;
  final SplittableRandom random;
  // Null while the link is unlimited: nothing ever queues there, and a node with no queues takes
  // two objects less of memory and one cache miss less per message. A fault that limits the
  // bandwidth for a while makes one.
  private LinkQueue up;
  private LinkQueue down;
  long messagesSent;
  long bytesSent;
  long messagesReceived;
  long bytesReceived;
  long dropped;

  NodePort(LinkSpec link, SplittableRandom random) {
    this.link = link;
    this.random = random;
    this.up = link.upBitsPerSecond() == Double.POSITIVE_INFINITY ? null : new LinkQueue();
    this.down = link.downBitsPerSecond() == Double.POSITIVE_INFINITY ? null : new LinkQueue();
  }

  /** Queues {@code bytes} on the uplink at {@code now}; returns when the last bit has left. */
  long reserveUp(long now, long bytes) {
    return reserveUp(now, bytes, link.upBitsPerSecond());
  }

  /** As {@link #reserveUp(long, long)} on an uplink of {@code bitsPerSecond} for now (a degraded link's). */
  long reserveUp(long now, long bytes, double bitsPerSecond) {
    messagesSent++;
    bytesSent += bytes;
    if (bitsPerSecond == Double.POSITIVE_INFINITY) {
      return now;
    }
    if (up == null) {
      up = new LinkQueue();
    }
    return up.reserve(now, bytes, bitsPerSecond);
  }

  /** Queues {@code bytes} on a downlink of {@code bitsPerSecond} at {@code now}; returns when the last bit has arrived. */
  long reserveDown(long now, long bytes, double bitsPerSecond) {
    if (bitsPerSecond == Double.POSITIVE_INFINITY) {
      return now;
    }
    if (down == null) {
      down = new LinkQueue();
    }
    return down.reserve(now, bytes, bitsPerSecond);
  }

  void delivered(long bytes) {
    messagesReceived++;
    bytesReceived += bytes;
  }

  NodeTraffic traffic() {
    return new NodeTraffic(messagesSent, bytesSent, messagesReceived, bytesReceived, dropped);
  }
}
