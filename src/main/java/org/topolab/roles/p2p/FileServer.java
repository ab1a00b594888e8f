package org.topolab.roles.p2p;

import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.topolab.node.NodeContext;

/**
 * A file server: holds files and serves their chunks. Downloaders get every chunk they ask for, in
 * the order asked, so the server's uplink is shared by all of them. In a swarm it is the origin,
 * the first seed: it answers handshakes with a full bitfield and serves the peers it unchokes, like
 * any seeding peer.
 */
public final class FileServer extends AbstractBehavior<FileServer.Command> {

  /** What a file server receives. */
  public sealed interface Command
      permits Wire.GetFile, Wire.GetChunk, Wire.Handshake, Wire.Interest, Wire.RequestChunk, Wire.Cancel, Wire.Bye, Wake {}

  /** A timer of the seeding side. */
  private enum Wake implements Command {
    UPLINK,
    RECHOKE
  }

  /** A file the server holds. */
  public record StoredFile(String name, long size) {}

  /**
   * How a file server behaves.
   *
   * @param files the files it holds; the first is the one served when none is named
   * @param chunkSize bytes per chunk
   * @param seeding how it serves swarms
   */
  public record Spec(List<StoredFile> files, int chunkSize, Uploader.Policy seeding) {}

  private final NodeContext node;
  private final Spec spec;
  private final LongAdder uploaded;
  private final HashMap<String, Wire.FileInfo> files = new HashMap<>();
  private final HashMap<String, long[]> fullBitfields = new HashMap<>();
  private final HashMap<String, int[]> timesSent = new HashMap<>();
  // Each swarm neighbour, by id: the file it downloads.
  private final HashMap<Integer, Wire.FileInfo> swarm = new HashMap<>();
  private final Uploader uploader;

  private FileServer(ActorContext<Command> context, NodeContext node, Spec spec, LongAdder uploaded) {
    super(context);
    this.node = node;
    this.spec = spec;
    this.uploaded = uploaded;
    for (StoredFile file : spec.files()) {
      Wire.FileInfo info = new Wire.FileInfo(node.id(), file.name(), file.size(), spec.chunkSize());
      files.put(file.name(), info);
      fullBitfields.put(file.name(), Chunks.full(info.chunks()));
      timesSent.put(file.name(), new int[info.chunks()]);
    }
    files.put("", files.get(spec.files().get(0).name()));
    this.uploader = new Uploader(node, new Seeding(), spec.seeding());
  }

  /** A file server node; {@code uploaded} counts the chunk bytes its group sends. */
  public static Behavior<Command> create(NodeContext node, Spec spec, LongAdder uploaded) {
    return Behaviors.setup(context -> new FileServer(context, node, spec, uploaded));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Wire.GetFile.class, this::onGetFile)
        .onMessage(Wire.GetChunk.class, this::onGetChunk)
        .onMessage(Wire.Handshake.class, this::onHandshake)
        .onMessage(Wire.Interest.class, m -> {
          uploader.interest(m.from(), m.interested(), m.seq());
          return this;
        })
        .onMessage(Wire.RequestChunk.class, m -> {
          uploader.request(m.from(), m.chunk());
          return this;
        })
        .onMessage(Wire.Cancel.class, m -> {
          uploader.cancel(m.from(), m.chunk());
          return this;
        })
        .onMessage(Wire.Bye.class, m -> {
          swarm.remove(m.from());
          uploader.gone(m.from());
          return this;
        })
        .onMessage(Wake.class, this::onWake)
        .build();
  }

  private Behavior<Command> onGetFile(Wire.GetFile ask) {
    Wire.FileInfo info = files.get(ask.file());
    node.send(ask.from(), info != null ? info : new Wire.FileInfo(node.id(), ask.file(), -1, spec.chunkSize()));
    return this;
  }

  private Behavior<Command> onGetChunk(Wire.GetChunk ask) {
    Wire.FileInfo info = files.get(ask.file());
    if (info != null && ask.chunk() >= 0 && ask.chunk() < info.chunks()) {
      int bytes = info.chunkBytes(ask.chunk());
      node.send(ask.from(), new Wire.Chunk(node.id(), ask.chunk(), bytes));
      uploaded.add(bytes);
    }
    return this;
  }

  private Behavior<Command> onHandshake(Wire.Handshake handshake) {
    Wire.FileInfo info = files.get(handshake.file());
    if (info != null) {
      swarm.put(handshake.from(), info);
      node.send(handshake.from(), new Wire.Bitfield(node.id(), fullBitfields.get(info.file())));
    }
    return this;
  }

  private Behavior<Command> onWake(Wake wake) {
    if (wake == Wake.UPLINK) {
      uploader.uplinkFree();
    } else {
      uploader.rechoke();
    }
    return this;
  }

  /** The server's side of the uploader. */
  private final class Seeding implements Uploader.Host {
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
      return swarm.get(neighbour).chunkBytes(chunk);
    }

    @Override
    public int[] timesSent(int neighbour) {
      return timesSent.get(swarm.get(neighbour).file());
    }

    @Override
    public void uploaded(int bytes) {
      uploaded.add(bytes);
    }
  }
}
