package org.topolab.roles.p2p;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.function.IntConsumer;
import org.topolab.node.NodeContext;

/**
 * The downloading half of a peer: its neighbours as sources of chunks, what each has, whether the
 * peer is interested in it and unchoked by it; which chunk to ask of whom is its {@link
 * RequestPipeline}'s part. Its counterpart, the serving half, is the {@link Uploader}.
 *
 * <p>On a lossy network nothing it needs is left to a single message: a handshake is sent again
 * until the neighbour's bitfield answers it (and the neighbour is given up on after {@link
 * #HANDSHAKES}); an interest that the neighbour's chokes do not bear out (interested but choked, or
 * not interested but unchoked) is told again, at growing intervals, and the neighbour answers a
 * repeated one with its choke state; a request is asked again past its timeout.
 */
final class SwarmDownload {

  /** Handshakes sent to a member before it is given up on (a peer that left, its goodbye lost). */
  static final int HANDSHAKES = 6;

  private final NodeContext node;
  private final Runnable completed;
  private final ChunkBook book;
  private final RequestPipeline requests;
  private final Timeouts timeouts;
  private final Alarm alarm;
  private final DownloadMetrics metrics;
  private final String file;
  private final HashMap<Integer, Source> byId = new HashMap<>();
  // Neighbours in the order they connected: what loops go through, for determinism.
  private final List<Source> neighbours = new ArrayList<>();
  private final HashSet<Integer> departed = new HashSet<>();

  /**
   * The download of {@code info}'s file by the peer {@code node}, with at most {@code
   * requestsInFlight} requests outstanding (see {@link ChunkTimes} for {@code sharing}),
   * waiting for answers as {@code timeouts} says and setting {@code alarm} for them; {@code
   * completed} runs when it has the last chunk.
   */
  SwarmDownload(
      NodeContext node,
      Wire.FileInfo info,
      int requestsInFlight,
      int sharing,
      Timeouts timeouts,
      Alarm alarm,
      DownloadMetrics metrics,
      Runnable completed) {
    this.node = node;
    this.completed = completed;
    this.timeouts = timeouts;
    this.alarm = alarm;
    this.metrics = metrics;
    this.file = info.file();
    this.book = new ChunkBook(info.chunks());
    this.requests = new RequestPipeline(
        node, book, neighbours, requestsInFlight, new ChunkTimes(node, info.chunkSize(), sharing), timeouts, alarm, metrics);
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

  /** Connects neighbour {@code id} and sends it a handshake, to be answered by its bitfield. */
  void handshake(int id) {
    Source neighbour = connect(id);
    sendHandshake(neighbour);
  }

  /** The neighbour {@code id}, connected now if it is new; null if it has left. */
  Source known(int id) {
    Source neighbour = byId.get(id);
    if (neighbour == null && !departed.contains(id)) {
      neighbour = connect(id);
    }
    return neighbour;
  }

  /** {@code neighbour}'s bitfield arrived: the answer to this peer's handshake, if it sent one. */
  void bitfield(Source neighbour, long[] bits) {
    neighbour.handshake.answered(node.now());
    merge(neighbour, bits);
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
      requests.requestMore();
    }
  }

  /** {@code neighbour} announced {@code chunk}. */
  void announced(Source neighbour, int chunk) {
    if (gain(neighbour, chunk)) {
      requests.requestMore();
    }
  }

  /**
   * {@code neighbour} chokes or unchokes this peer, in its message number {@code seq}, having sent
   * it {@code sent} chunks so far.
   */
  void choke(Source neighbour, boolean unchoked, int seq, int sent) {
    // Every interest is answered with a choke or unchoke, new or repeated: this one answers it.
    neighbour.interest.answered(node.now());
    if (seq < neighbour.chokeSeq) {
      return; // overtaken by a later message
    }
    if (seq > neighbour.chokeSeq) {
      // Chokes and unchokes alternate, so a gap in the numbers hides a choke that the network
      // delivered late or lost: the neighbour dropped the requests it held then, so they are asked again.
      boolean choked = !unchoked || seq > neighbour.chokeSeq + 1;
      neighbour.chokeSeq = seq;
      if (choked && neighbour.unchokedMe) {
        neighbour.unchokedMe = false;
        requests.choked(neighbour, sent - neighbour.received);
      }
      if (unchoked) {
        neighbour.unchokedMe = true;
        requests.unchoked(neighbour);
      }
    }
    if (unchoked && !neighbour.interestedIn) {
      tellInterest(neighbour, false); // it has not heard that this peer lost interest
    }
    requests.requestMore();
  }

  /** Chunk {@code index} arrived from {@code from}; whether this peer lacked it. */
  boolean received(int from, int index) {
    Source sender = byId.get(from);
    if (sender != null) {
      sender.received++;
    }
    boolean fresh = !book.has(index);
    requests.delivered(sender, index);
    if (fresh) {
      acquire(index);
    }
    requests.requestMore();
    return fresh;
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
    requests.choked(neighbour, 0);
    return true;
  }

  /** Asks for more chunks if there is room. */
  void requestMore() {
    requests.requestMore();
  }

  /**
   * Sends again what is past its deadline at {@code now} (handshakes, interest, requests), gives up
   * on members that never answered a handshake, and sets the alarm by the next deadline; returns
   * the ids given up on.
   */
  List<Integer> expire(long now) {
    List<Integer> givenUp = new ArrayList<>();
    long next = requests.expire(now);
    for (Source neighbour : List.copyOf(neighbours)) {
      if (neighbour.handshake.due() <= now) {
        if (neighbour.handshake.attempts() >= HANDSHAKES) {
          givenUp.add(neighbour.id);
          left(neighbour.id);
          continue;
        }
        metrics.resentControl();
        sendHandshake(neighbour);
      }
      if (neighbour.interest.due() <= now) {
        metrics.resentControl();
        tellInterest(neighbour, neighbour.interestedIn);
      }
      next = Math.min(next, Math.min(neighbour.handshake.due(), neighbour.interest.due()));
    }
    requests.requestMore();
    if (next < Long.MAX_VALUE) {
      alarm.by(next);
    }
    return givenUp;
  }

  /** Calls {@code action} with each neighbour's id, in the order they connected. */
  void forEachNeighbour(IntConsumer action) {
    neighbours.forEach(neighbour -> action.accept(neighbour.id));
  }

  private Source connect(int id) {
    Source neighbour = new Source(id, book.chunks(), timeouts);
    byId.put(id, neighbour);
    neighbours.add(neighbour);
    return neighbour;
  }

  private void sendHandshake(Source neighbour) {
    alarm.by(neighbour.handshake.sent(node.now()));
    node.send(neighbour.id, new Wire.Handshake(node.id(), file, book.haveBits()));
  }

  /** Tells {@code neighbour} whether this peer is interested in it, and waits for a choke or unchoke to answer. */
  private void tellInterest(Source neighbour, boolean interested) {
    neighbour.interestedIn = interested;
    alarm.by(neighbour.interest.sent(node.now()));
    node.send(neighbour.id, new Wire.Interest(node.id(), interested, ++neighbour.interestSeq));
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
      tellInterest(neighbour, true);
    }
    return neighbour.unchokedMe;
  }

  private void acquire(int chunk) {
    book.acquire(chunk);
    for (Source neighbour : neighbours) {
      if (Chunks.has(neighbour.has, chunk)) {
        // It has the chunk already, so the announcement would change nothing for it.
        if (--neighbour.wanted == 0 && neighbour.interestedIn) {
          tellInterest(neighbour, false);
        }
      } else {
        node.send(neighbour.id, new Wire.Have(node.id(), chunk));
      }
    }
    if (book.complete()) {
      completed.run();
    }
  }
}
