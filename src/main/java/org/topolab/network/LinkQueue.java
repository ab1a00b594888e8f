package org.topolab.network;

/**
 * One direction of a node's access link: the messages queued on it, in the order they came.
 *
 * <p>A message no larger than a packet ({@link #PACKET_BYTES}) does not wait behind larger ones:
 * on a real link the packets of different flows interleave, so a request or an announcement
 * slips in between the packets of a chunk rather than waiting for all of it. It waits only for
 * other packet-sized messages, and the larger messages queued behind it yield the time it took.
 * Larger messages queue first come, first served.
 */
final class LinkQueue {

  /** The largest message that interleaves with larger ones: one Ethernet packet. */
  static final long PACKET_BYTES = 1500;

  private long bulkFreeAt;
  private long packetFreeAt;

  /** Queues {@code bytes} at {@code now} on a link of {@code bitsPerSecond}; returns when they are across. */
  long reserve(long now, long bytes, double bitsPerSecond) {
    long nanos = LinkSpec.transmissionNanos(bytes, bitsPerSecond);
    if (bytes <= PACKET_BYTES) {
      packetFreeAt = Math.max(now, packetFreeAt) + nanos;
      bulkFreeAt = Math.max(now, bulkFreeAt) + nanos;
      return packetFreeAt;
    }
    bulkFreeAt = Math.max(Math.max(now, bulkFreeAt), packetFreeAt) + nanos;
    return bulkFreeAt;
  }
}
