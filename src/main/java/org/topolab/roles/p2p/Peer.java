package org.topolab.roles.p2p;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.topolab.distribution.Distribution;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;

/**
 * A BitTorrent-style peer. It gets the file's description from the origin, joins the swarm at the
 * tracker and connects to the members it is given (a handshake each way carries the bitfields).
 * From then on its downloading half ({@link SwarmDownload}) announces each new chunk to the
 * neighbours that lack it, tells each neighbour whether it is interested in it, and asks the
 * neighbours that unchoke it for chunks; its serving half ({@link Uploader}) serves the neighbours
 * it unchokes from its own uplink. Once it has the whole file it seeds for the seed time, then says
 * goodbye and leaves.
 *
 * <p>A peer that verifies chunks gets the file's {@link Manifest} with its description, checks each
 * chunk against it ({@link ChunkIntegrity}), discards one that fails and stops trading with the
 * neighbour that sent it (a ban: it says goodbye, and never connects to it again). A malicious peer
 * ({@link Malice}) serves corrupt chunks, claims chunks it lacks, or drops requests.
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
          Uploader.Wake,
          Alarm.Ring,
          Wake {}

  /** A timer of the peer's own. */
  private enum Wake implements Command {
    START,
    ANNOUNCE,
    LEAVE
  }

  /**
   * How a peer behaves.
   *
   * @param tracker the tracker group (its first node is asked)
   * @param origin the file-server group that is the file's first seed
   * @param file the file's name; "" for the origin's first file
   * @param neighbours members asked of the tracker; it asks again when fewer than half remain, and
   *     while downloading every {@code announceNanos} when it has fewer than twice as many
   * @param announceNanos how often a peer short of neighbours asks the tracker for more
   * @param requestsInFlight chunks asked for and not yet received, at most
   * @param uploading unchoke slots, tit-for-tat and rechoke interval
   * @param retry when an unanswered message is sent again
   * @param seedTimeNanos how long it stays after completing; negative: forever
   * @param start when it starts, from the beginning of the run
   * @param verifyChunks whether it checks each chunk against the file's manifest
   * @param malicious which of the group's peers misbehave, and how
   */
  public record Spec(
      GroupInfo tracker,
      GroupInfo origin,
      String file,
      int neighbours,
      long announceNanos,
      int requestsInFlight,
      Uploader.Policy uploading,
      Timeouts.Policy retry,
      long seedTimeNanos,
      Distribution start,
      boolean verifyChunks,
      Malice.Share malicious) {}

  private final NodeContext node;
  private final Spec spec;
  private final DownloadMetrics metrics;
  private final Uploader uploader;
  private final Timeouts timeouts;
  private final Alarm alarm;
  private final Malice malice;
  private Wire.FileInfo info;
  private SharedFile shared;
  private ChunkIntegrity integrity;
  private SwarmDownload download;
  private long startedAt;
  // The question for the file's description (asked of the origin's nodes in turn), and the one for members.
  private final Question fileQuestion;
  private final Question join;
  private int nextOrigin;

  private Peer(ActorContext<Command> context, NodeContext node, Spec spec, DownloadMetrics metrics, LongAdder uploaded) {
    super(context);
    this.node = node;
    this.spec = spec;
    this.metrics = metrics;
    this.malice = spec.malicious().of(node.id() - node.group().first());
    this.uploader = new Uploader(node, context.getSelf(), spec.uploading(), uploaded, malice);
    this.timeouts = new Timeouts(spec.retry());
    this.alarm = new Alarm(node, context.getSelf());
    this.fileQuestion = new Question(timeouts);
    this.join = new Question(timeouts);
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
        .onMessage(Uploader.Wake.class, wake -> {
          uploader.wake(wake);
          return this;
        })
        .onMessage(Alarm.Ring.class, this::onAlarm)
        .onMessage(Wire.FileInfo.class, this::onFileInfo)
        .onMessage(Wire.Members.class, this::onMembers)
        .onMessage(Wire.Handshake.class, this::onHandshake)
        .onMessage(Wire.Bitfield.class, m -> withNeighbour(m.from(), from -> download.bitfield(from, m.have())))
        .onMessage(Wire.Have.class, m -> withNeighbour(m.from(), from -> download.announced(from, m.chunk())))
        .onMessage(
            Wire.Interest.class, m -> withNeighbour(m.from(), from -> uploader.interest(m.from(), m.interested(), m.seq())))
        .onMessage(
            Wire.Choke.class, m -> withNeighbour(m.from(), from -> download.choke(from, m.unchoked(), m.seq(), m.sent())))
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
        nextOrigin = node.random().nextInt(spec.origin().count());
        askForFile();
      }
      case ANNOUNCE -> {
        if (!download.book().complete() && download.neighbourCount() < 2 * spec.neighbours() && !join.open()) {
          askTracker();
        }
      }
      case LEAVE -> {
        download.forEachNeighbour(id -> node.send(id, new Wire.Bye(node.id())));
        node.send(spec.tracker().first(), new Wire.Leave(node.id(), info.file()));
        return Behaviors.stopped();
      }
    }
    return this;
  }

  /**
   * Asks the origin for the file's description: its nodes in turn, from a random one, each time
   * the answer stays out past its timeout.
   */
  private void askForFile() {
    int origin = spec.origin().id(nextOrigin);
    nextOrigin = (nextOrigin + 1) % spec.origin().count();
    alarm.by(fileQuestion.sent(node.now()));
    node.send(origin, new Wire.GetFile(node.id(), spec.file(), spec.verifyChunks()));
  }

  private Behavior<Command> onAlarm(Alarm.Ring ring) {
    if (!alarm.rings(ring)) {
      return this;
    }
    long now = node.now();
    if (fileQuestion.due() <= now) {
      metrics.resentControl();
      askForFile();
    }
    if (join.due() <= now) {
      metrics.resentControl();
      askTracker();
    }
    alarm.by(Math.min(fileQuestion.due(), join.due()));
    if (download != null) {
      for (int id : download.expire(now)) {
        uploader.gone(id);
        neighbourLost();
      }
    }
    return this;
  }

  private Behavior<Command> onFileInfo(Wire.FileInfo description) {
    if (!fileQuestion.answered(node.now())) {
      return this; // another answer to a question asked again
    }
    if (description.size() < 0) {
      return this; // no such file: the download stays incomplete, as the report then shows
    }
    info = description;
    shared = new SharedFile(info);
    integrity = new ChunkIntegrity(shared, spec.verifyChunks(), metrics.security());
    // Until a neighbour's pace is measured, it is taken to share its uplink as this peer does.
    int sharing = Math.min(spec.uploading().slots(), Math.max(1, spec.neighbours()));
    download = new SwarmDownload(node, info, spec.requestsInFlight(), sharing, timeouts, alarm, metrics, this::complete);
    if (malice == Malice.LIE) {
      download.book().claimAll();
    }
    metrics.fileSize(info.size());
    if (info.chunks() == 0) {
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

  /** Asks the tracker for members, and again each time the answer stays out past its timeout. */
  private void askTracker() {
    alarm.by(join.sent(node.now()));
    node.send(spec.tracker().first(), new Wire.Join(node.id(), info.file(), spec.neighbours()));
  }

  private Behavior<Command> onMembers(Wire.Members members) {
    if (!join.answered(node.now())) {
      return this; // another answer to a question asked again
    }
    for (int id : members.peers()) {
      if (download.isStranger(id)) {
        handshake(id);
      }
    }
    if (!download.book().complete() && download.neighbourCount() < 2 * spec.neighbours()) {
      node.after(spec.announceNanos(), getContext().getSelf(), Wake.ANNOUNCE);
    }
    return this;
  }

  private void handshake(int id) {
    uploader.connect(id, shared);
    download.handshake(id);
  }

  /** The neighbour {@code id}, connected now if it is new; null if it has left or this peer has not started. */
  private Source known(int id) {
    if (download == null) {
      return null;
    }
    Source neighbour = download.known(id);
    if (neighbour != null) {
      uploader.connect(id, shared);
    }
    return neighbour;
  }

  /** Hands the message's sender, as a neighbour, to {@code action}; ignored from one that has left. */
  private Behavior<Command> withNeighbour(int id, Consumer<Source> action) {
    Source neighbour = known(id);
    if (neighbour != null) {
      action.accept(neighbour);
    }
    return this;
  }

  private Behavior<Command> onHandshake(Wire.Handshake handshake) {
    Source neighbour = known(handshake.from());
    if (neighbour != null) {
      node.send(handshake.from(), new Wire.Bitfield(node.id(), download.book().haveBits()));
      download.merge(neighbour, handshake.have());
    }
    return this;
  }

  private Behavior<Command> onRequest(Wire.RequestChunk request) {
    if (download != null && request.chunk() >= 0 && request.chunk() < info.chunks() && download.book().has(request.chunk())) {
      uploader.request(request.from(), request.chunk());
    }
    return this;
  }

  private Behavior<Command> onChunk(Wire.Chunk chunk) {
    if (download == null) {
      return this;
    }
    metrics.received(node.now(), chunk.bytes());
    if (!integrity.keep(chunk, !download.book().has(chunk.chunk()))) {
      ban(chunk.from());
      return this;
    }
    uploader.receivedFrom(chunk.from(), chunk.bytes());
    if (!download.received(chunk.from(), chunk.chunk())) {
      metrics.duplicate(chunk.bytes());
    }
    return this;
  }

  private Behavior<Command> onBye(Wire.Bye bye) {
    uploader.gone(bye.from());
    if (download == null || !download.left(bye.from())) {
      return this;
    }
    neighbourLost();
    download.requestMore();
    return this;
  }

  /**
   * Stops trading with neighbour {@code id}, which sent a chunk that failed verification: its
   * requests are asked elsewhere, and it is told goodbye and never connected to again.
   */
  private void ban(int id) {
    uploader.gone(id);
    if (download.left(id)) {
      metrics.security().banned();
      node.send(id, new Wire.Bye(node.id()));
      neighbourLost();
      download.requestMore();
    }
  }

  /** A neighbour has gone: still downloading, with fewer than half the neighbours it wants, the peer asks for more. */
  private void neighbourLost() {
    if (!download.book().complete() && download.neighbourCount() < (spec.neighbours() + 1) / 2 && !join.open()) {
      askTracker();
    }
  }

  private void complete() {
    metrics.completed(node.id(), startedAt, node.now());
    if (integrity.holdsCorrupt()) {
      metrics.security().completedCorrupt();
    }
    if (spec.seedTimeNanos() >= 0) {
      node.after(spec.seedTimeNanos(), getContext().getSelf(), Wake.LEAVE);
    }
  }
}
