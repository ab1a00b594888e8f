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
  private long upFreeAt;
  private long downFreeAt;
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
    long start = Math.max(now, upFreeAt);
    upFreeAt = start + LinkSpec.transmissionNanos(bytes, link.upBitsPerSecond());
    messagesSent++;
    bytesSent += bytes;
    return upFreeAt;
  }

  /** Queues {@code bytes} on the downlink at {@code now}; returns when the last bit has arrived. */
  long reserveDown(long now, long bytes) {
    long start = Math.max(now, downFreeAt);
    downFreeAt = start + LinkSpec.transmissionNanos(bytes, link.downBitsPerSecond());
    return downFreeAt;
  }

  void delivered(long bytes) {
    messagesReceived++;
    bytesReceived += bytes;
  }

  NodeTraffic traffic() {
    return new NodeTraffic(messagesSent, bytesSent, messagesReceived, bytesReceived, dropped);
  }
}
