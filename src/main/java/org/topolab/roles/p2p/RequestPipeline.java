package org.topolab.roles.p2p;

import java.util.ArrayList;
import java.util.List;
import org.topolab.node.NodeContext;

/**
 * Which chunk a peer asks of whom, and when it asks again. Rarest first among its neighbours, with
 * a bounded number of requests in flight spread over the neighbours that unchoke it by their
 * measured pace; at the end (the endgame) a chunk held up at a slow neighbour may be asked of a
 * faster one too. A request unanswered past its timeout ({@link Timeouts}: a few times the wait
 * expected at that neighbour's pace) goes to another unchoking neighbour that has the chunk and
 * room for it, the first told to drop it; if there is none, to the same one again.
 */
final class RequestPipeline {

  /** Requests for one chunk at most, in the endgame. */
  static final int MAX_COPIES = 3;

  private final NodeContext node;
  private final ChunkBook book;
  private final int requestsInFlight;
  private final Timeouts timeouts;
  private final Alarm alarm;
  private final DownloadMetrics metrics;
  private final ChunkTimes times;
  // Neighbours that unchoke this peer, in the order they did.
  private final List<Source> unchokers = new ArrayList<>();
  // Every neighbour, in the order they connected (the downloading half keeps the list).
  private final List<Source> neighbours;
  private int inFlight;

  /**
   * The requests of the peer {@code node} for the chunks in {@code book} to its {@code neighbours},
   * at most {@code requestsInFlight} at a time, expecting chunks as {@code times} says.
   */
  RequestPipeline(
      NodeContext node,
      ChunkBook book,
      List<Source> neighbours,
      int requestsInFlight,
      ChunkTimes times,
      Timeouts timeouts,
      Alarm alarm,
      DownloadMetrics metrics) {
    this.node = node;
    this.neighbours = neighbours;
    this.times = times;
    this.book = book;
    this.requestsInFlight = requestsInFlight;
    this.timeouts = timeouts;
    this.alarm = alarm;
    this.metrics = metrics;
  }

  /** {@code neighbour} unchoked this peer. */
  void unchoked(Source neighbour) {
    unchokers.add(neighbour);
  }

  /**
   * {@code neighbour} choked this peer or left, with {@code arriving} chunks it sent still on their
   * way: the requests it held are to be asked elsewhere once those have come (or timed out).
   */
  void choked(Source neighbour, int arriving) {
    unchokers.remove(neighbour);
    neighbour.arriving = Math.max(0, arriving);
    if (neighbour.arriving == 0) {
      dropAll(neighbour);
    }
  }

  /** Chunk {@code chunk} arrived from {@code neighbour} (null if it is no neighbour now). */
  void delivered(Source neighbour, int chunk) {
    Source.Ask ask = neighbour == null ? null : neighbour.remove(chunk);
    if (ask != null) {
      forget(chunk);
      if (neighbour.unchokedMe) {
        neighbour.pace.delivered(node.now(), ask.attempt() == 1);
      }
    }
    if (neighbour != null && neighbour.arriving > 0 && --neighbour.arriving == 0 && !neighbour.unchokedMe) {
      dropAll(neighbour); // the rest were dropped by its choke
    }
    if (!book.has(chunk) && book.requests(chunk) > 0) {
      cancelDuplicates(chunk);
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
        double wait = (queued + 1.0) * Math.max(1, candidate.pace.nanos());
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
      ask(best, chunk, 1);
    }
    if (exhausted != null) {
      exhausted.forEach(neighbour -> neighbour.exhausted = false);
    }
    if (book.allAskedFor() && !book.complete()) {
      endgame();
    }
  }

  /**
   * Asks again, elsewhere where there is an elsewhere, for every chunk whose request to one of
   * a neighbour is past its deadline at {@code now}; returns the earliest deadline left.
   */
  long expire(long now) {
    long next = Long.MAX_VALUE;
    for (Source neighbour : neighbours) {
      for (int i = 0; i < neighbour.outstanding.size(); i++) {
        Source.Ask ask = neighbour.outstanding.get(i);
        if (ask.deadline() <= now) {
          metrics.resentRequest();
          Source other = elsewhere(neighbour, ask.chunk());
          if (!neighbour.unchokedMe) {
            // It choked this peer: the chunk, said to be on its way, was lost.
            neighbour.outstanding.remove(i--);
            forget(ask.chunk());
            if (neighbour.arriving > 0 && --neighbour.arriving == 0) {
              dropAll(neighbour);
              break;
            }
            if (other != null) {
              ask(other, ask.chunk(), ask.attempt() + 1);
            }
          } else if (other == null) {
            neighbour.outstanding.set(i, send(neighbour, ask.chunk(), ask.attempt() + 1));
          } else {
            neighbour.outstanding.remove(i--);
            forget(ask.chunk());
            node.send(neighbour.id, new Wire.Cancel(node.id(), ask.chunk()));
            ask(other, ask.chunk(), ask.attempt() + 1);
          }
        }
      }
    }
    for (Source neighbour : neighbours) {
      for (Source.Ask ask : neighbour.outstanding) {
        next = Math.min(next, ask.deadline());
      }
    }
    return next;
  }

  /** The unchoking neighbour other than {@code from} that has {@code chunk}, has room for it and would deliver it first; or null. */
  private Source elsewhere(Source from, int chunk) {
    Source best = null;
    double bestWait = Double.MAX_VALUE;
    for (Source candidate : unchokers) {
      int queued = candidate.outstanding.size();
      if (candidate == from || !Chunks.has(candidate.has, chunk) || queued >= candidate.queueLimit()) {
        continue;
      }
      double wait = (queued + 1.0) * Math.max(1, candidate.pace.nanos());
      if (wait < bestWait) {
        best = candidate;
        bestWait = wait;
      }
    }
    return best;
  }

  /**
   * The endgame: every missing chunk has been asked for, and a slow or silent neighbour would hold
   * up the end. A free request goes to another unchoking neighbour for a missing chunk if that
   * neighbour is expected to deliver it in less than half the time of the soonest of those already
   * asked (by the pace of each; one that has let the request wait more than twice as long as
   * expected, or that has choked this peer, is not counted on), up to {@link #MAX_COPIES} requests a
   * chunk; the first copy to arrive cancels the others. A copy waits for this peer's own downlink
   * like the first: when that is what the chunk waits for, no copy is asked. Duplicates are whole
   * chunks, so they are asked for only where they are likely to pay off.
   */
  private void endgame() {
    long now = node.now();
    for (int word = 0; word < book.words(); word++) {
      for (long missing = book.missingAsked(word); missing != 0; missing &= missing - 1) {
        if (inFlight >= requestsInFlight) {
          return;
        }
        int chunk = word * 64 + Long.numberOfTrailingZeros(missing);
        if (book.requests(chunk) >= MAX_COPIES) {
          continue;
        }
        double soonest = Double.MAX_VALUE;
        for (Source asked : neighbours) {
          Source.Ask ask = asked.ask(chunk);
          if (ask != null && asked.unchokedMe && !ask.late(now)) {
            soonest = Math.min(soonest, asked.place(chunk) * (double) times.perChunk(asked));
          }
        }
        double backlog = inFlight * (double) times.downlinkNanos();
        if (soonest <= backlog) {
          continue; // this peer's own downlink is what the chunk waits for: a copy would queue there too
        }
        Source best = null;
        double bestWait = soonest / 2;
        for (Source candidate : unchokers) {
          // A copy too waits for the chunks in flight to cross this peer's downlink.
          double wait = Math.max((candidate.outstanding.size() + 1.0) * times.perChunk(candidate), backlog);
          if (wait < bestWait && Chunks.has(candidate.has, chunk) && candidate.ask(chunk) == null) {
            best = candidate;
            bestWait = wait;
          }
        }
        if (best != null) {
          ask(best, chunk, 1);
        }
      }
    }
  }

  private void ask(Source neighbour, int chunk, int attempt) {
    neighbour.pace.asked(node.now(), neighbour.outstanding.isEmpty());
    book.asked(chunk);
    inFlight++;
    neighbour.outstanding.add(send(neighbour, chunk, attempt));
  }

  /**
   * Sends the request for {@code chunk} to {@code neighbour}; its deadline allows for the chunks
   * queued there before it at the neighbour's pace and for every chunk in flight to cross this
   * peer's downlink.
   */
  private Source.Ask send(Source neighbour, int chunk, int attempt) {
    int place = Math.max(neighbour.place(chunk), neighbour.outstanding.size() + 1);
    long ahead = Math.max(place * times.perChunk(neighbour), inFlight * times.downlinkNanos());
    long now = node.now();
    long deadline = now + timeouts.forWait(ahead, attempt);
    node.send(neighbour.id, new Wire.RequestChunk(node.id(), chunk));
    alarm.by(deadline);
    return new Source.Ask(chunk, attempt, now, ahead, deadline);
  }

  /** One request for {@code chunk} is over (served, cancelled, refused or timed out). */
  private void forget(int chunk) {
    inFlight--;
    book.forget(chunk);
  }

  private void dropAll(Source neighbour) {
    for (Source.Ask ask : neighbour.outstanding) {
      forget(ask.chunk());
    }
    neighbour.outstanding.clear();
  }

  /**
   * Forgets the other requests for {@code chunk}, which has just arrived (the endgame's duplicates,
   * or a request asked elsewhere after a timeout or a choke), and cancels those still waiting at
   * neighbours that unchoke this peer.
   */
  private void cancelDuplicates(int chunk) {
    for (Source other : neighbours) {
      while (other.remove(chunk) != null) {
        forget(chunk);
        if (other.unchokedMe) {
          node.send(other.id, new Wire.Cancel(node.id(), chunk));
        }
      }
    }
  }
}
