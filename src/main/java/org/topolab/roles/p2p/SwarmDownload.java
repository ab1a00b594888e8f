package org.topolab.roles.p2p;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.function.IntConsumer;
import org.topolab.network.LinkSpec;
import org.topolab.node.NodeContext;

/**
 * The downloading half of a peer: what its neighbours have, whether it is interested in each and
 * unchoked by it, and which chunk to ask of whom. Rarest first among its neighbours, with a bounded
 * number of requests in flight spread over the neighbours that unchoke it by their measured pace;
 * at the end (the endgame) a chunk held up at a slow neighbour may be asked of a faster one too.
 * Its counterpart, the serving half, is the {@link Uploader}.
 */
final class SwarmDownload {

  private final NodeContext node;
  private final int requestsInFlight;
  private final Runnable completed;
  private final ChunkBook book;
  private final long downlinkChunkNanos;
  private final HashMap<Integer, Source> byId = new HashMap<>();
  // Neighbours in the order they connected: what loops go through, for determinism.
  private final List<Source> neighbours = new ArrayList<>();
  private final List<Source> unchokers = new ArrayList<>();
  private final HashSet<Integer> departed = new HashSet<>();
  private int inFlight;

  /**
   * The download of {@code info}'s file by the peer {@code node}, with at most {@code
   * requestsInFlight} requests outstanding; {@code completed} runs when it has the last chunk.
   */
  SwarmDownload(NodeContext node, Wire.FileInfo info, int requestsInFlight, Runnable completed) {
    this.node = node;
    this.requestsInFlight = requestsInFlight;
    this.completed = completed;
    this.book = new ChunkBook(info.chunks());
    this.downlinkChunkNanos = LinkSpec.transmissionNanos(info.chunkSize(), node.group().link().downBitsPerSecond());
  }

  /** The chunks this peer has and lacks. */
  ChunkBook book() {
    return book;
  }

  /** Neighbours connected now. */
  int neighbourCount() {
    return neighbours.size();
  }

  /** Whether {@code id} may be connected: neither a neighbour already nor one that has left. */
  boolean isStranger(int id) {
    return id != node.id() && !byId.containsKey(id) && !departed.contains(id);
  }

  /** Connects neighbour {@code id}. */
  Source connect(int id) {
    Source neighbour = new Source(id, book.chunks());
    byId.put(id, neighbour);
    neighbours.add(neighbour);
    return neighbour;
  }

  /** The neighbour {@code id}, connected now if it is new; null if it has left. */
  Source known(int id) {
    Source neighbour = byId.get(id);
    if (neighbour == null && !departed.contains(id)) {
      neighbour = connect(id);
    }
    return neighbour;
  }

  /** Adds the chunks of {@code bits} that {@code neighbour} was not known to have. */
  void merge(Source neighbour, long[] bits) {
    boolean useful = false;
    for (int word = 0; word < bits.length && word < neighbour.has.length; word++) {
      for (long fresh = bits[word] & ~neighbour.has[word]; fresh != 0; fresh &= fresh - 1) {
        useful |= gain(neighbour, word * 64 + Long.numberOfTrailingZeros(fresh));
      }
    }
    if (useful) {
      requestMore();
    }
  }

  /** {@code neighbour} announced {@code chunk}. */
  void announced(Source neighbour, int chunk) {
    if (gain(neighbour, chunk)) {
      requestMore();
    }
  }

  /** {@code neighbour} chokes or unchokes this peer, in its message number {@code seq}. */
  void choke(Source neighbour, boolean unchoked, int seq) {
    if (seq <= neighbour.chokeSeq) {
      return; // overtaken by a later message
    }
    // Chokes and unchokes alternate, so a gap in the numbers hides a choke that the network
    // delivered late: the neighbour dropped the requests it held then, so they are asked again.
    boolean choked = !unchoked || seq > neighbour.chokeSeq + 1;
    neighbour.chokeSeq = seq;
    if (choked && neighbour.unchokedMe) {
      neighbour.unchokedMe = false;
      unchokers.remove(neighbour);
      cancelRequests(neighbour);
    }
    if (unchoked) {
      neighbour.unchokedMe = true;
      unchokers.add(neighbour);
    }
    requestMore();
  }

  /** Chunk {@code index} arrived from {@code from}. */
  void received(int from, int index) {
    Source neighbour = byId.get(from);
    if (neighbour != null && neighbour.outstanding.remove((Integer) index)) {
      forget(index);
      neighbour.delivered(node.now());
    }
    if (!book.has(index)) {
      if (book.requests(index) > 0) {
        cancelDuplicates(index);
      }
      acquire(index);
    }
    requestMore();
  }

  /**
   * Neighbour {@code id} has left: its chunks no longer count, and its requests are to be asked
   * elsewhere. Whether it was a neighbour.
   */
  boolean left(int id) {
    departed.add(id);
    Source neighbour = byId.remove(id);
    if (neighbour == null) {
      return false;
    }
    neighbours.remove(neighbour);
    for (int word = 0; word < neighbour.has.length; word++) {
      for (long bits = neighbour.has[word]; bits != 0; bits &= bits - 1) {
        book.available(word * 64 + Long.numberOfTrailingZeros(bits), -1);
      }
    }
    if (neighbour.unchokedMe) {
      unchokers.remove(neighbour);
      cancelRequests(neighbour);
    }
    return true;
  }

  /** Calls {@code action} with each neighbour's id, in the order they connected. */
  void forEachNeighbour(IntConsumer action) {
    neighbours.forEach(neighbour -> action.accept(neighbour.id));
  }

  /** Notes that {@code neighbour} has {@code chunk}; whether that gives this peer something to ask for. */
  private boolean gain(Source neighbour, int chunk) {
    if (chunk < 0 || chunk >= book.chunks() || Chunks.has(neighbour.has, chunk)) {
      return false;
    }
    Chunks.set(neighbour.has, chunk);
    book.available(chunk, +1);
    if (book.has(chunk)) {
      return false;
    }
    if (++neighbour.wanted == 1) {
      neighbour.interestedIn = true;
      node.send(neighbour.id, new Wire.Interest(node.id(), true, ++neighbour.interestSeq));
    }
    return neighbour.unchokedMe;
  }

  private void acquire(int chunk) {
    book.acquire(chunk);
    for (Source neighbour : neighbours) {
      if (Chunks.has(neighbour.has, chunk)) {
        // It has the chunk already, so the announcement would change nothing for it.
        if (--neighbour.wanted == 0 && neighbour.interestedIn) {
          neighbour.interestedIn = false;
          node.send(neighbour.id, new Wire.Interest(node.id(), false, ++neighbour.interestSeq));
        }
      } else {
        node.send(neighbour.id, new Wire.Have(node.id(), chunk));
      }
    }
    if (book.complete()) {
      completed.run();
    }
  }

  /**
   * Fills the request pipeline, for the rarest chunk the chosen neighbour has that this peer
   * neither has nor has asked for. Each request goes to the unchoking neighbour expected to deliver
   * it first: the one with the fewest requests outstanding times the time it takes per chunk, as
   * measured. Fast sources thus get deep pipelines, slow ones short ones, and a request that waits
   * behind a chunk on this peer's own uplink does not leave a fast source idle. A neighbour not yet
   * measured gets at most {@link Source#MIN_QUEUE}.
   */
  void requestMore() {
    List<Source> exhausted = null;
    while (inFlight < requestsInFlight && !book.complete()) {
      Source best = null;
      double bestWait = Double.MAX_VALUE;
      for (Source candidate : unchokers) {
        int queued = candidate.outstanding.size();
        if (candidate.exhausted || candidate.wanted <= queued || queued >= candidate.queueLimit()) {
          continue;
        }
        double wait = (queued + 1.0) * Math.max(1, candidate.intervalNanos);
        if (wait < bestWait) {
          best = candidate;
          bestWait = wait;
        }
      }
      if (best == null) {
        break;
      }
      int chunk = book.rarestOf(best.has, node.random());
      if (chunk < 0) {
        best.exhausted = true;
        if (exhausted == null) {
          exhausted = new ArrayList<>();
        }
        exhausted.add(best);
        continue;
      }
      ask(best, chunk);
    }
    if (exhausted != null) {
      exhausted.forEach(neighbour -> neighbour.exhausted = false);
    }
    if (book.allAskedFor() && !book.complete()) {
      endgame();
    }
  }

  /**
   * The endgame: every missing chunk has been asked for, and a slow neighbour would hold up the
   * end. A free request goes to another unchoking neighbour for a missing chunk if that neighbour
   * is expected to deliver it in less than half the time its first source is (by the measured
   * pace of each); the first copy to arrive cancels the other. Duplicates are whole chunks, so
   * they are asked for only where they are likely to pay off.
   */
  private void endgame() {
    for (int word = 0; word < book.words() && inFlight < requestsInFlight; word++) {
      for (long missing = book.missingAsked(word); missing != 0; missing &= missing - 1) {
        int chunk = word * 64 + Long.numberOfTrailingZeros(missing);
        Source source = byId.get(book.firstSource(chunk));
        if (book.requests(chunk) != 1 || source == null || inFlight >= requestsInFlight) {
          continue;
        }
        double sourceWait = source.intervalNanos == 0
            ? Double.MAX_VALUE
            : (source.outstanding.indexOf(chunk) + 1.0) * source.intervalNanos;
        if (sourceWait <= inFlight * downlinkChunkNanos) {
          continue; // this peer's own downlink is what the chunk waits for: a copy would queue there too
        }
        Source best = null;
        double bestWait = sourceWait / 2;
        for (Source candidate : unchokers) {
          double wait = (candidate.outstanding.size() + 1.0) * candidate.intervalNanos;
          if (candidate != source && candidate.intervalNanos > 0 && wait < bestWait && Chunks.has(candidate.has, chunk)) {
            best = candidate;
            bestWait = wait;
          }
        }
        if (best != null) {
          ask(best, chunk);
        }
      }
    }
  }

  private void ask(Source neighbour, int chunk) {
    neighbour.asked(node.now());
    book.asked(chunk, neighbour.id);
    neighbour.outstanding.add(chunk);
    inFlight++;
    node.send(neighbour.id, new Wire.RequestChunk(node.id(), chunk));
  }

  /** One request for {@code chunk} is over (served, cancelled or refused). */
  private void forget(int chunk) {
    inFlight--;
    book.forget(chunk);
  }

  /** Cancels the other requests for {@code chunk}, which has just arrived (the endgame's duplicates). */
  private void cancelDuplicates(int chunk) {
    for (Source other : unchokers) {
      if (other.outstanding.remove((Integer) chunk)) {
        forget(chunk);
        node.send(other.id, new Wire.Cancel(node.id(), chunk));
      }
    }
  }

  /** Forgets the requests {@code neighbour} will not serve, so that they are asked elsewhere. */
  private void cancelRequests(Source neighbour) {
    for (int chunk : neighbour.outstanding) {
      forget(chunk);
    }
    neighbour.outstanding.clear();
  }
}
