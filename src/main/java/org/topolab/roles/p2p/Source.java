package org.topolab.roles.p2p;

import java.util.ArrayList;
import java.util.List;

/**
 * A connected neighbour as a peer's downloading half sees it: the chunks it has, whether the peer
 * is interested in it and unchoked by it, the requests the peer has queued there with the pace at
 * which it delivers them, and the messages to it that await an answer.
 */
final class Source {

  /** Requests a neighbour gets before its pace is known, and at least. */
  static final int MIN_QUEUE = 2;

  /** How far ahead requests are queued at a neighbour, in time at its measured pace. */
  static final long QUEUE_HORIZON_NANOS = 500_000_000L;

  /**
   * A chunk asked of this neighbour for the {@code attempt}-th time, at {@code sentAt}, expected
   * within {@code expectedNanos} and given up on at {@code deadline}.
   */
  record Ask(int chunk, int attempt, long sentAt, long expectedNanos, long deadline) {

    /** Whether it has waited more than twice as long as expected at {@code now}: it is not counted on. */
    boolean late(long now) {
      return now - sentAt > 2 * expectedNanos;
    }
  }

  final int id;
  final long[] has;
  // Chunks it has that this peer lacks.
  int wanted;
  boolean interestedIn;
  boolean unchokedMe;
  int chokeSeq;
  int interestSeq;
  // The interest last told it, until a choke or unchoke answers it; the handshake, until its bitfield does.
  final Question interest;
  final Question handshake;
  // Chunks it has sent this peer; after a choke, how many it had sent that are still on their way.
  int received;
  int arriving;
  // Set while one pass of the request loop finds nothing more to ask of it.
  boolean exhausted;
  final Pace pace = new Pace();
  final List<Ask> outstanding = new ArrayList<>(4);

  Source(int id, int chunks, Timeouts timeouts) {
    this.id = id;
    this.has = Chunks.empty(chunks);
    this.interest = new Question(timeouts);
    this.handshake = new Question(timeouts);
  }

  /** The request for {@code chunk} outstanding here, removed; null if there is none. */
  Ask remove(int chunk) {
    for (int i = 0; i < outstanding.size(); i++) {
      if (outstanding.get(i).chunk() == chunk) {
        return outstanding.remove(i);
      }
    }
    return null;
  }

  /** The request for {@code chunk} outstanding here; null if there is none. */
  Ask ask(int chunk) {
    for (Ask ask : outstanding) {
      if (ask.chunk() == chunk) {
        return ask;
      }
    }
    return null;
  }

  /** How many requests are queued here before and with the one for {@code chunk}; 0 if it is not. */
  int place(int chunk) {
    for (int i = 0; i < outstanding.size(); i++) {
      if (outstanding.get(i).chunk() == chunk) {
        return i + 1;
      }
    }
    return 0;
  }

  /**
   * How many requests may wait here: as many as it delivers in {@link #QUEUE_HORIZON_NANOS}, at
   * least {@link #MIN_QUEUE}. A request queued at a slow neighbour is a commitment: the chunk will
   * not be asked of anyone else, even once others have it.
   */
  int queueLimit() {
    long interval = pace.nanos();
    if (interval == 0) {
      return MIN_QUEUE;
    }
    return (int) Math.max(MIN_QUEUE, (QUEUE_HORIZON_NANOS + interval - 1) / interval);
  }
}
