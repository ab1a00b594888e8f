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
  // Null where the link is unlimited: nothing ever queues there, and a node with no queues takes
  // two objects less of memory and one cache miss less per message.
  private final LinkQueue up;
  private final LinkQueue down;
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
    messagesSent++;
    bytesSent += bytes;
    return up == null ? now : up.reserve(now, bytes, link.upBitsPerSecond());
  }

  /** Queues {@code bytes} on the downlink at {@code now}; returns when the last bit has arrived. */
  long reserveDown(long now, long bytes) {
    return down == null ? now : down.reserve(now, bytes, link.downBitsPerSecond());
  }

  void delivered(long bytes) {
    messagesReceived++;
    bytesReceived += bytes;
  }

  NodeTraffic traffic() {
    return new NodeTraffic(messagesSent, bytesSent, messagesReceived, bytesReceived, dropped);
  }
}
