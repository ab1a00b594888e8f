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
  private final LinkQueue up = new LinkQueue();
  private final LinkQueue down = new LinkQueue();
  long messagesSent;
  long bytesSent;
  long messagesReceived;
  long bytesReceived;
  long dropped;

  NodePort(LinkSpec link, SplittableRandom random) {
    this.link = link;
    this.random = random;
  }

  /** Queues {@code bytes} on the uplink at {@code now}; returns when the last bit has left. */
  long reserveUp(long now, long bytes) {
    messagesSent++;
    bytesSent += bytes;
    return up.reserve(now, bytes, link.upBitsPerSecond());
  }

  /** Queues {@code bytes} on the downlink at {@code now}; returns when the last bit has arrived. */
  long reserveDown(long now, long bytes) {
    return down.reserve(now, bytes, link.downBitsPerSecond());
  }

  void delivered(long bytes) {
    messagesReceived++;
    bytesReceived += bytes;
  }

  NodeTraffic traffic() {
    return new NodeTraffic(messagesSent, bytesSent, messagesReceived, bytesReceived, dropped);
  }
}
