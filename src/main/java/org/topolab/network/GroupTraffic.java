package org.topolab.network;

/**
 * What the nodes of one group sent and received: sums, and the smallest and largest node's bytes.
 * Every field merges exactly, so the traffic of a group split over partitions or members adds up.
 *
 * @param nodes how many nodes are counted
 * @param messagesSent messages the nodes sent (lost ones included)
 * @param bytesSent bytes the nodes sent
 * @param messagesReceived messages delivered to the nodes
 * @param bytesReceived bytes delivered to the nodes
 * @param dropped messages of theirs the network lost
 * @param minBytesSent the least any node sent
 * @param maxBytesSent the most any node sent
 * @param minBytesReceived the least any node received
 * @param maxBytesReceived the most any node received
 */
public record GroupTraffic(
    int nodes,
    long messagesSent,
    long bytesSent,
    long messagesReceived,
    long bytesReceived,
    long dropped,
    long minBytesSent,
    long maxBytesSent,
    long minBytesReceived,
    long maxBytesReceived) {

  /** No nodes counted yet. */
  public static final GroupTraffic NONE = new GroupTraffic(0, 0, 0, 0, 0, 0, Long.MAX_VALUE, 0, Long.MAX_VALUE, 0);

  /** This traffic with node {@code node}'s added. */
  public GroupTraffic plus(NodeTraffic node) {
    return new GroupTraffic(
        nodes + 1,
        messagesSent + node.messagesSent(),
        bytesSent + node.bytesSent(),
        messagesReceived + node.messagesReceived(),
        bytesReceived + node.bytesReceived(),
        dropped + node.dropped(),
        Math.min(minBytesSent, node.bytesSent()),
        Math.max(maxBytesSent, node.bytesSent()),
        Math.min(minBytesReceived, node.bytesReceived()),
        Math.max(maxBytesReceived, node.bytesReceived()));
  }

  /** This traffic with {@code more} messages of its nodes counted as dropped. */
  public GroupTraffic plusDropped(long more) {
    return new GroupTraffic(
        nodes, messagesSent, bytesSent, messagesReceived, bytesReceived, dropped + more, minBytesSent, maxBytesSent, minBytesReceived,
        maxBytesReceived);
  }

  /** This traffic with {@code other}'s (other nodes of the same group) added. */
  public GroupTraffic plus(GroupTraffic other) {
    return new GroupTraffic(
        nodes + other.nodes,
        messagesSent + other.messagesSent,
        bytesSent + other.bytesSent,
        messagesReceived + other.messagesReceived,
        bytesReceived + other.bytesReceived,
        dropped + other.dropped,
        Math.min(minBytesSent, other.minBytesSent),
        Math.max(maxBytesSent, other.maxBytesSent),
        Math.min(minBytesReceived, other.minBytesReceived),
        Math.max(maxBytesReceived, other.maxBytesReceived));
  }
}
