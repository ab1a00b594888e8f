package org.topolab.roles.p2p;

import org.topolab.network.LinkSpec;
import org.topolab.node.NodeContext;

/**
 * How long chunks take to reach a peer: from each neighbour, as measured, or before that as its
 * links say; and through the peer's own downlink, which every chunk crosses.
 */
final class ChunkTimes {

  private final NodeContext node;
  private final long chunkBytes;
  private final int sharing;
  private final long downlinkNanos;

  /**
   * The times of {@code chunkBytes}-byte chunks to the peer {@code node}; until a neighbour's pace
   * is measured, it is taken to share its uplink among {@code sharing} neighbours.
   */
  ChunkTimes(NodeContext node, long chunkBytes, int sharing) {
    this.node = node;
    this.chunkBytes = chunkBytes;
    this.sharing = sharing;
    this.downlinkNanos = LinkSpec.transmissionNanos(chunkBytes, node.group().link().downBitsPerSecond());
  }

  /** A chunk's time on this peer's downlink. */
  long downlinkNanos() {
    return downlinkNanos;
  }

  /**
   * The time {@code neighbour} takes per chunk it sends this peer: as measured, or before that, a
   * chunk's time on its uplink shared among {@code sharing} neighbours, or on this peer's downlink
   * if that is slower.
   */
  long perChunk(Source neighbour) {
    long measured = neighbour.pace.nanos();
    if (measured > 0) {
      return measured;
    }
    double up = node.topology().groupOf(neighbour.id).link().upBitsPerSecond() / sharing;
    return Math.max(1, LinkSpec.transmissionNanos(chunkBytes, Math.min(up, node.group().link().downBitsPerSecond())));
  }
}
