package org.topolab.roles.p2p;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.topolab.distribution.Distribution;
import org.topolab.network.LinkSpec;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;

/**
 * A BitTorrent-style peer. It gets the file's description from the origin, joins the swarm at the
 * tracker and connects to the members it is given (a handshake each way carries the bitfields).
 * From then on it announces each new chunk to the neighbours that lack it, tells each neighbour
 * whether it is interested in it, and asks the neighbours that unchoke it for chunks, rarest
 * first among its neighbours, with a bounded number of requests in flight spread over them by
 * their measured pace. At the end (the endgame) a chunk held up at a slow neighbour may be asked of
 * a faster one too. Its own uplink serves the neighbours it unchokes (see {@link Uploader}). Once
 * it has the whole file it seeds for the seed time, then says goodbye and leaves.
 */
public final class Peer extends AbstractBehavior<Peer.Command> {

  /** What a peer receives. */
  public sealed interface Command
      permits Wire.FileInfo,
          Wire.Members,
          Wire.Handshake,
          Wire.Bitfield,
          Wire.Have,
          Wire.Interest,
          Wire.Choke,
          Wire.RequestChunk,
          Wire.Chunk,
          Wire.Cancel,
          Wire.Bye,
          Wake {}

  /** A timer of the peer. */
  private enum Wake implements Command {
    START,
    UPLINK,
    RECHOKE,
    LEAVE
  }

  /**
   * How a peer behaves.
   *
   * @param tracker the tracker group (its first node is asked)
   * @param origin the file-server group that is the file's first seed
   * @param file the file's name; "" for the origin's first file
   * @param neighbours members asked of the tracker; it asks again when fewer than half remain
   * @param requestsInFlight chunks asked for and not yet received, at most
   * @param uploading unchoke slots, tit-for-tat and rechoke interval
   * @param seedTimeNanos how long it stays after completing; negative: forever
   * @param start when it starts, from the beginning of the run
   */
  public record Spec(
      GroupInfo tracker,
      GroupInfo origin,
      String file,
      int neighbours,
      int requestsInFlight,
      Uploader.Policy uploading,
      long seedTimeNanos,
      Distribution start) {}

  /** A connected neighbour, as this peer's downloading half sees it. */
  private static final class Neighbour {
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

    Neighbour(int id, int chunks) {
      this.id = id;
      this.has = Chunks.empty(chunks);
    }
  }

  /** Requests a neighbour gets before its pace is known, and at least. */
  private static final int MIN_QUEUE = 2;

  /** How far ahead requests are queued at a neighbour, in time at its measured pace. */
  private static final long QUEUE_HORIZON_NANOS = 500_000_000L;

  private final NodeContext node;
  private final Spec spec;
  private final DownloadMetrics metrics;
  private final LongAdder uploaded;
  private final Uploader uploader;
  private final HashMap<Integer, Neighbour> byId = new HashMap<>();
  // Neighbours in the order they connected: what loops go through, for determinism.
  private final List<Neighbour> neighbours = new ArrayList<>();
  private final List<Neighbour> unchokers = new ArrayList<>();
  private final HashSet<Integer> departed = new HashSet<>();
  private Wire.FileInfo info;
  private int chunks;
  private long[] have;
  // Chunks asked for and not yet received, and from how many neighbours (more than one in the endgame).
  private long[] requested;
  private int[] requests;
  private int[] firstSource;
  private int[] timesSent;
  private int requestedChunks;
  // How many neighbours have each chunk: rarest first reads it.
  private int[] availability;
  private long downlinkChunkNanos;
  private int haveCount;
  private int inFlight;
  private long startedAt;
  private boolean asking;

  private Peer(ActorContext<Command> context, NodeContext node, Spec spec, DownloadMetrics metrics, LongAdder uploaded) {
    super(context);
    this.node = node;
    this.spec = spec;
    this.metrics = metrics;
    this.uploaded = uploaded;
    this.uploader = new Uploader(node, new Serving(), spec.uploading());
  }

  /** A peer node; {@code metrics} and {@code uploaded} are shared by its group. */
  public static Behavior<Command> create(NodeContext node, Spec spec, DownloadMetrics metrics, LongAdder uploaded) {
    return Behaviors.setup(
        context -> {
          Peer peer = new Peer(context, node, spec, metrics, uploaded);
          node.after(spec.start().sampleLong(node.random()), context.getSelf(), Wake.START);
          return peer;
        });
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Wake.class, this::onWake)
        .onMessage(Wire.FileInfo.class, this::onFileInfo)
        .onMessage(Wire.Members.class, this::onMembers)
        .onMessage(Wire.Handshake.class, this::onHandshake)
        .onMessage(Wire.Bitfield.class, this::onBitfield)
        .onMessage(Wire.Have.class, this::onHave)
        .onMessage(Wire.Interest.class, this::onInterest)
        .onMessage(Wire.Choke.class, this::onChoke)
        .onMessage(Wire.RequestChunk.class, this::onRequest)
        .onMessage(Wire.Chunk.class, this::onChunk)
        .onMessage(Wire.Cancel.class, cancel -> {
          uploader.cancel(cancel.from(), cancel.chunk());
          return this;
        })
        .onMessage(Wire.Bye.class, this::onBye)
        .build();
  }

  private Behavior<Command> onWake(Wake wake) {
    switch (wake) {
      case START -> {
        startedAt = node.now();
        int origin = spec.origin().id(node.random().nextInt(spec.origin().count()));
        node.send(origin, new Wire.GetFile(node.id(), spec.file()));
      }
      case UPLINK -> uploader.uplinkFree();
      case RECHOKE -> uploader.rechoke();
      case LEAVE -> {
        for (Neighbour neighbour : neighbours) {
          node.send(neighbour.id, new Wire.Bye(node.id()));
        }
        node.send(spec.tracker().first(), new Wire.Leave(node.id(), info.file()));
        return Behaviors.stopped();
      }
    }
    return this;
  }

  private Behavior<Command> onFileInfo(Wire.FileInfo description) {
    if (description.size() < 0 || info != null) {
      return this; // no such file: the download stays incomplete, as the report then shows
    }
    info = description;
    chunks = info.chunks();
    have = Chunks.empty(chunks);
    requested = Chunks.empty(chunks);
    requests = new int[chunks];
    firstSource = new int[chunks];
    timesSent = new int[chunks];
    downlinkChunkNanos = LinkSpec.transmissionNanos(info.chunkSize(), node.group().link().downBitsPerSecond());
    availability = new int[chunks];
    metrics.fileSize(info.size());
    if (chunks == 0) {
      complete();
    }
    // The origin is every peer's neighbour, as a web seed is (BEP 19): its uplink serves whoever
    // still needs chunks, not only the peers that happened to meet it through the tracker.
    for (int i = 0; i < spec.origin().count(); i++) {
      handshake(spec.origin().id(i));
    }
    askTracker();
    return this;
  }

  private void askTracker() {
    asking = true;
    node.send(spec.tracker().first(), new Wire.Join(node.id(), info.file(), spec.neighbours()));
  }

  private Behavior<Command> onMembers(Wire.Members members) {
    asking = false;
    for (int id : members.peers()) {
      if (id != node.id() && !byId.containsKey(id) && !departed.contains(id)) {
        handshake(id);
      }
    }
    return this;
  }

  private void handshake(int id) {
    connect(id);
    node.send(id, new Wire.Handshake(node.id(), info.file(), have.clone()));
  }

  private Behavior<Command> onHandshake(Wire.Handshake handshake) {
    Neighbour neighbour = known(handshake.from());
    if (neighbour != null && info != null) {
      node.send(handshake.from(), new Wire.Bitfield(node.id(), have.clone()));
      merge(neighbour, handshake.have());
    }
    return this;
  }

  private Behavior<Command> onBitfield(Wire.Bitfield bitfield) {
    Neighbour neighbour = known(bitfield.from());
    if (neighbour != null) {
      merge(neighbour, bitfield.have());
    }
    return this;
  }

  private Behavior<Command> onHave(Wire.Have announcement) {
    Neighbour neighbour = known(announcement.from());
    if (neighbour != null && gain(neighbour, announcement.chunk())) {
      requestMore();
    }
    return this;
  }

  private Behavior<Command> onInterest(Wire.Interest interest) {
    if (known(interest.from()) != null) {
      uploader.interest(interest.from(), interest.interested(), interest.seq());
    }
    return this;
  }

  private Behavior<Command> onChoke(Wire.Choke choke) {
    Neighbour neighbour = known(choke.from());
    if (neighbour == null || choke.seq() <= neighbour.chokeSeq) {
      return this; // overtaken by a later message
    }
    // Chokes and unchokes alternate, so a gap in the numbers hides a choke that the network
    // delivered late: the neighbour dropped the requests it held then, so they are asked again.
    boolean choked = !choke.unchoked() || choke.seq() > neighbour.chokeSeq + 1;
    neighbour.chokeSeq = choke.seq();
    if (choked && neighbour.unchokedMe) {
      neighbour.unchokedMe = false;
      unchokers.remove(neighbour);
      cancelRequests(neighbour);
    }
    if (choke.unchoked()) {
      neighbour.unchokedMe = true;
      unchokers.add(neighbour);
    }
    requestMore();
    return this;
  }

  private Behavior<Command> onRequest(Wire.RequestChunk request) {
    if (have != null && request.chunk() >= 0 && request.chunk() < chunks && Chunks.has(have, request.chunk())) {
      uploader.request(request.from(), request.chunk());
    }
    return this;
  }

  private Behavior<Command> onChunk(Wire.Chunk chunk) {
    if (have == null) {
      return this;
    }
    long now = node.now();
    int index = chunk.chunk();
    metrics.received(now, chunk.bytes());
    uploader.receivedFrom(chunk.from(), chunk.bytes());
    Neighbour neighbour = byId.get(chunk.from());
    if (neighbour != null && neighbour.outstanding.remove((Integer) index)) {
      forget(index);
      long sample = Math.max(1, now - neighbour.busySince);
      neighbour.intervalNanos = neighbour.intervalNanos == 0 ? sample : (3 * neighbour.intervalNanos + sample) / 4;
      neighbour.busySince = now;
    }
    if (!Chunks.has(have, index)) {
      if (requests[index] > 0) {
        cancelDuplicates(index);
      }
      acquire(index);
    }
    requestMore();
    return this;
  }

  private Behavior<Command> onBye(Wire.Bye bye) {
    departed.add(bye.from());
    Neighbour neighbour = byId.remove(bye.from());
    uploader.gone(bye.from());
    if (neighbour == null) {
      return this;
    }
    neighbours.remove(neighbour);
    for (int word = 0; word < neighbour.has.length; word++) {
      for (long bits = neighbour.has[word]; bits != 0; bits &= bits - 1) {
        availability[word * 64 + Long.numberOfTrailingZeros(bits)]--;
      }
    }
    if (neighbour.unchokedMe) {
      unchokers.remove(neighbour);
      cancelRequests(neighbour);
    }
    if (haveCount < chunks && neighbours.size() < (spec.neighbours() + 1) / 2 && !asking) {
      askTracker();
    }
    requestMore();
    return this;
  }

  /** The neighbour {@code id}, connected now if it is new; null if it has left. */
  private Neighbour known(int id) {
    Neighbour neighbour = byId.get(id);
    if (neighbour == null && !departed.contains(id) && info != null) {
      neighbour = connect(id);
    }
    return neighbour;
  }

  private Neighbour connect(int id) {
    Neighbour neighbour = new Neighbour(id, chunks);
    byId.put(id, neighbour);
    neighbours.add(neighbour);
    return neighbour;
  }

  /** Adds the chunks of {@code bits} that {@code neighbour} was not known to have. */
  private void merge(Neighbour neighbour, long[] bits) {
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

  /** Notes that {@code neighbour} has {@code chunk}; whether that gives this peer something to ask for. */
  private boolean gain(Neighbour neighbour, int chunk) {
    if (chunk < 0 || chunk >= chunks || Chunks.has(neighbour.has, chunk)) {
      return false;
    }
    Chunks.set(neighbour.has, chunk);
    availability[chunk]++;
    if (Chunks.has(have, chunk)) {
      return false;
    }
    if (++neighbour.wanted == 1) {
      neighbour.interestedIn = true;
      node.send(neighbour.id, new Wire.Interest(node.id(), true, ++neighbour.interestSeq));
    }
    return neighbour.unchokedMe;
  }

  private void acquire(int chunk) {
    Chunks.set(have, chunk);
    haveCount++;
    for (Neighbour neighbour : neighbours) {
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
    if (haveCount == chunks) {
      complete();
    }
  }

  private void complete() {
    metrics.completed(startedAt, node.now());
    if (spec.seedTimeNanos() >= 0) {
      node.after(spec.seedTimeNanos(), getContext().getSelf(), Wake.LEAVE);
    }
  }

  /**
   * Fills the request pipeline, for the rarest chunk the chosen neighbour has that this peer
   * neither has nor has asked for. Each request goes to the unchoking neighbour expected to deliver
   * it first: the one with the fewest requests outstanding times the time it takes per chunk, as
   * measured. Fast sources thus get deep pipelines, slow ones short ones, and a request that waits
   * behind a chunk on this peer's own uplink does not leave a fast source idle. A neighbour not yet
   * measured gets at most {@link #MIN_QUEUE}.
   */
  private void requestMore() {
    List<Neighbour> exhausted = null;
    while (inFlight < spec.requestsInFlight() && haveCount < chunks) {
      Neighbour best = null;
      double bestWait = Double.MAX_VALUE;
      for (Neighbour candidate : unchokers) {
        int queued = candidate.outstanding.size();
        if (candidate.exhausted
            || candidate.wanted <= queued
            || queued >= queueLimit(candidate)) {
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
      int chunk = rarestFrom(best);
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
    if (haveCount + requestedChunks == chunks && haveCount < chunks) {
      endgame();
    }
  }

  /**
   * How many requests may wait at {@code neighbour}: as many as it delivers in {@link
   * #QUEUE_HORIZON_NANOS}, at least {@link #MIN_QUEUE}. A request queued at a slow neighbour is a
   * commitment: the chunk will not be asked of anyone else, even once others have it.
   */
  private static int queueLimit(Neighbour neighbour) {
    if (neighbour.intervalNanos == 0) {
      return MIN_QUEUE;
    }
    return (int) Math.max(MIN_QUEUE, (QUEUE_HORIZON_NANOS + neighbour.intervalNanos - 1) / neighbour.intervalNanos);
  }

  /**
   * The endgame: every missing chunk has been asked for, and a slow neighbour would hold up the
   * end. A free request goes to another unchoking neighbour for a missing chunk if that neighbour
   * is expected to deliver it in less than half the time its first source is (by the measured
   * pace of each); the first copy to arrive cancels the other. Duplicates are whole chunks, so
   * they are asked for only where they are likely to pay off.
   */
  private void endgame() {
    for (int word = 0; word < have.length && inFlight < spec.requestsInFlight(); word++) {
      for (long missing = ~have[word] & requested[word]; missing != 0; missing &= missing - 1) {
        int chunk = word * 64 + Long.numberOfTrailingZeros(missing);
        Neighbour source = byId.get(firstSource[chunk]);
        if (requests[chunk] != 1 || source == null || inFlight >= spec.requestsInFlight()) {
          continue;
        }
        double sourceWait = source.intervalNanos == 0
            ? Double.MAX_VALUE
            : (source.outstanding.indexOf(chunk) + 1.0) * source.intervalNanos;
        if (sourceWait <= inFlight * downlinkChunkNanos) {
          continue; // this peer's own downlink is what the chunk waits for: a copy would queue there too
        }
        Neighbour best = null;
        double bestWait = sourceWait / 2;
        for (Neighbour candidate : unchokers) {
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

  private void ask(Neighbour neighbour, int chunk) {
    if (neighbour.outstanding.isEmpty()) {
      neighbour.busySince = node.now();
    }
    if (requests[chunk]++ == 0) {
      firstSource[chunk] = neighbour.id;
      Chunks.set(requested, chunk);
      requestedChunks++;
    }
    neighbour.outstanding.add(chunk);
    inFlight++;
    node.send(neighbour.id, new Wire.RequestChunk(node.id(), chunk));
  }

  /** One request for {@code chunk} is over (served, cancelled or refused). */
  private void forget(int chunk) {
    inFlight--;
    if (--requests[chunk] == 0) {
      Chunks.clear(requested, chunk);
      requestedChunks--;
    }
  }

  /** Cancels the other requests for {@code chunk}, which has just arrived (the endgame's duplicates). */
  private void cancelDuplicates(int chunk) {
    for (Neighbour other : unchokers) {
      if (other.outstanding.remove((Integer) chunk)) {
        forget(chunk);
        node.send(other.id, new Wire.Cancel(node.id(), chunk));
      }
    }
  }

  /**
   * Among the chunks {@code neighbour} has and this peer neither has nor has asked for, the one
   * fewest neighbours have (a random one among equals); -1 if none. Bit operations over the
   * bitfields: the cost grows with the number of chunks, not of neighbours.
   */
  private int rarestFrom(Neighbour neighbour) {
    int best = -1;
    int bestCount = Integer.MAX_VALUE;
    int ties = 0;
    for (int word = 0; word < have.length; word++) {
      for (long candidates = neighbour.has[word] & ~have[word] & ~requested[word]; candidates != 0; candidates &= candidates - 1) {
        int chunk = word * 64 + Long.numberOfTrailingZeros(candidates);
        int count = availability[chunk];
        if (count < bestCount) {
          best = chunk;
          bestCount = count;
          ties = 1;
        } else if (count == bestCount && node.random().nextInt(++ties) == 0) {
          best = chunk;
        }
      }
    }
    return best;
  }

  /** Forgets the requests {@code neighbour} will not serve, so that they are asked elsewhere. */
  private void cancelRequests(Neighbour neighbour) {
    for (int chunk : neighbour.outstanding) {
      forget(chunk);
    }
    neighbour.outstanding.clear();
  }

  /** The peer's side of its uploader. */
  private final class Serving implements Uploader.Host {
    @Override
    public void wakeUplink(long delayNanos) {
      node.after(delayNanos, getContext().getSelf(), Wake.UPLINK);
    }

    @Override
    public void wakeRechoke(long delayNanos) {
      node.after(delayNanos, getContext().getSelf(), Wake.RECHOKE);
    }

    @Override
    public int chunkBytes(int neighbour, int chunk) {
      return info.chunkBytes(chunk);
    }

    @Override
    public int[] timesSent(int neighbour) {
      return timesSent;
    }

    @Override
    public void uploaded(int bytes) {
      uploaded.add(bytes);
    }
  }
}
