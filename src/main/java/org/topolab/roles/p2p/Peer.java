package org.topolab.roles.p2p;

import java.util.concurrent.atomic.LongAdder;
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
          Wake {}

  /** A timer of the peer's own. */
  private enum Wake implements Command {
    START,
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

  private final NodeContext node;
  private final Spec spec;
  private final DownloadMetrics metrics;
  private final Uploader uploader;
  private Wire.FileInfo info;
  private SharedFile shared;
  private SwarmDownload download;
  private long startedAt;
  private boolean asking;

  private Peer(ActorContext<Command> context, NodeContext node, Spec spec, DownloadMetrics metrics, LongAdder uploaded) {
    super(context);
    this.node = node;
    this.spec = spec;
    this.metrics = metrics;
    this.uploader = new Uploader(node, context.getSelf(), spec.uploading(), uploaded);
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
      case LEAVE -> {
        download.forEachNeighbour(id -> node.send(id, new Wire.Bye(node.id())));
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
    shared = new SharedFile(info);
    download = new SwarmDownload(node, info, spec.requestsInFlight(), this::complete);
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

  private void askTracker() {
    asking = true;
    node.send(spec.tracker().first(), new Wire.Join(node.id(), info.file(), spec.neighbours()));
  }

  private Behavior<Command> onMembers(Wire.Members members) {
    asking = false;
    for (int id : members.peers()) {
      if (download.isStranger(id)) {
        handshake(id);
      }
    }
    return this;
  }

  private void handshake(int id) {
    download.connect(id);
    uploader.connect(id, shared);
    node.send(id, new Wire.Handshake(node.id(), info.file(), download.book().haveBits()));
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

  private Behavior<Command> onHandshake(Wire.Handshake handshake) {
    Source neighbour = known(handshake.from());
    if (neighbour != null) {
      node.send(handshake.from(), new Wire.Bitfield(node.id(), download.book().haveBits()));
      download.merge(neighbour, handshake.have());
    }
    return this;
  }

  private Behavior<Command> onBitfield(Wire.Bitfield bitfield) {
    Source neighbour = known(bitfield.from());
    if (neighbour != null) {
      download.merge(neighbour, bitfield.have());
    }
    return this;
  }

  private Behavior<Command> onHave(Wire.Have announcement) {
    Source neighbour = known(announcement.from());
    if (neighbour != null) {
      download.announced(neighbour, announcement.chunk());
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
    Source neighbour = known(choke.from());
    if (neighbour != null) {
      download.choke(neighbour, choke.unchoked(), choke.seq());
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
    uploader.receivedFrom(chunk.from(), chunk.bytes());
    download.received(chunk.from(), chunk.chunk());
    return this;
  }

  private Behavior<Command> onBye(Wire.Bye bye) {
    uploader.gone(bye.from());
    if (download == null || !download.left(bye.from())) {
      return this;
    }
    if (!download.book().complete() && download.neighbourCount() < (spec.neighbours() + 1) / 2 && !asking) {
      askTracker();
    }
    download.requestMore();
    return this;
  }

  private void complete() {
    metrics.completed(startedAt, node.now());
    if (spec.seedTimeNanos() >= 0) {
      node.after(spec.seedTimeNanos(), getContext().getSelf(), Wake.LEAVE);
    }
  }
}
