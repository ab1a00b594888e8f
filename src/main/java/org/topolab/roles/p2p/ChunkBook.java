package org.topolab.roles.p2p;

import java.util.SplittableRandom;

/**
 * A peer's books on the chunks of its file: which it has, which it has asked for and of how many
 * neighbours (more than one in the endgame), and how many neighbours have each chunk (what rarest
 * first reads).
 */
final class ChunkBook {

  private final int chunks;
  private final long[] have;
  private final long[] requested;
  private final int[] requests;
  private final int[] availability;
  private int haveCount;
  private int requestedChunks;
  private boolean claimsAll;

  ChunkBook(int chunks) {
    this.chunks = chunks;
    this.have = Chunks.empty(chunks);
    this.requested = Chunks.empty(chunks);
    this.requests = new int[chunks];
    this.availability = new int[chunks];
  }

  int chunks() {
    return chunks;
  }

  /** Whether the peer has chunk {@code chunk}. */
  boolean has(int chunk) {
    return Chunks.has(have, chunk);
  }

  /** The chunks the peer claims in its messages, as a bitfield of their own: those it has, or every one if it lies. */
  long[] haveBits() {
    return claimsAll ? Chunks.full(chunks) : have.clone();
  }

  /** From now on the peer claims every chunk, as a lying peer ({@link Malice#LIE}) does. */
  void claimAll() {
    claimsAll = true;
  }

  /** Whether the peer has every chunk. */
  boolean complete() {
    return haveCount == chunks;
  }

  /** Whether every chunk is either held or asked for: the endgame. */
  boolean allAskedFor() {
    return haveCount + requestedChunks == chunks;
  }

  /** Chunk {@code chunk} arrived. */
  void acquire(int chunk) {
    Chunks.set(have, chunk);
    haveCount++;
  }

  /** Requests outstanding for {@code chunk}. */
  int requests(int chunk) {
    return requests[chunk];
  }

  /** {@code chunk} was asked of one more neighbour. */
  void asked(int chunk) {
    if (requests[chunk]++ == 0) {
      Chunks.set(requested, chunk);
      requestedChunks++;
    }
  }

  /** One request for {@code chunk} is over (served, cancelled or refused). */
  void forget(int chunk) {
    if (--requests[chunk] == 0) {
      Chunks.clear(requested, chunk);
      requestedChunks--;
    }
  }

  /** One more ({@code +1}) or one fewer ({@code -1}) neighbour has {@code chunk}. */
  void available(int chunk, int change) {
    availability[chunk] += change;
  }

  /** Words of the bitfields. */
  int words() {
    return have.length;
  }

  /** The chunks of word {@code word} that the peer lacks and has asked for. */
  long missingAsked(int word) {
    return ~have[word] & requested[word];
  }

  /**
   * Among the chunks in {@code has} that the peer neither has nor has asked for, the one fewest
   * neighbours have (a random one among equals); -1 if none. Bit operations over the bitfields:
   * the cost grows with the number of chunks, not of neighbours.
   */
  int rarestOf(long[] has, SplittableRandom random) {
    int best = -1;
    int bestCount = Integer.MAX_VALUE;
    int ties = 0;
    for (int word = 0; word < have.length; word++) {
      for (long candidates = has[word] & ~have[word] & ~requested[word]; candidates != 0; candidates &= candidates - 1) {
        int chunk = word * 64 + Long.numberOfTrailingZeros(candidates);
        int count = availability[chunk];
        if (count < bestCount) {
          best = chunk;
          bestCount = count;
          ties = 1;
        } else if (count == bestCount && random.nextInt(++ties) == 0) {
          best = chunk;
        }
      }
    }
    return best;
  }
}
