package org.topolab.roles.p2p;

import java.util.ArrayList;
import java.util.List;

/**
 * A connected neighbour as a peer's downloading half sees it: the chunks it has, whether the peer
 * is interested in it and unchoked by it, and the requests the peer has queued there, with the pace
 * at which it delivers them.
 */
final class Source {

  /** Requests a neighbour gets before its pace is known, and at least. */
  static final int MIN_QUEUE = 2;

  /** How far ahead requests are queued at a neighbour, in time at its measured pace. */
  static final long QUEUE_HORIZON_NANOS = 500_000_000L;

  final int id;
  final long[] has;
  // Chunks it has that this peer lacks.
  int wanted;
  boolean interestedIn;
  boolean unchokedMe;
  int chokeSeq;
  int interestSeq;
  // Set while one pass of the request loop finds nothing more to ask of it.
  boolean exhausted;
  // Mean time between its chunks while it had requests of this peer (a moving average); 0 until measured.
  long intervalNanos;
  long busySince;
  final List<Integer> outstanding = new ArrayList<>(4);

  Source(int id, int chunks) {
    this.id = id;
    this.has = Chunks.empty(chunks);
  }

  /** A request is about to be queued here at {@code now}. */
  void asked(long now) {
    if (outstanding.isEmpty()) {
      busySince = now;
    }
  }

  /** A chunk it was asked for arrived at {@code now}: a sample of its pace. */
  void delivered(long now) {
    long sample = Math.max(1, now - busySince);
    intervalNanos = intervalNanos == 0 ? sample : (3 * intervalNanos + sample) / 4;
    busySince = now;
  }

  /**
   * How many requests may wait here: as many as it delivers in {@link #QUEUE_HORIZON_NANOS}, at
   * least {@link #MIN_QUEUE}. A request queued at a slow neighbour is a commitment: the chunk will
   * not be asked of anyone else, even once others have it.
   */
  int queueLimit() {
    if (intervalNanos == 0) {
      return MIN_QUEUE;
    }
    return (int) Math.max(MIN_QUEUE, (QUEUE_HORIZON_NANOS + intervalNanos - 1) / intervalNanos);
  }
}
