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
 * A file server: holds files and serves their chunks. Downloaders get every chunk they ask for,
 * each in the order it asked, taking turns for the uplink ({@link ChunkQueue}). In a swarm it is
 * the origin, the first seed: it answers handshakes with a full bitfield and serves the peers it
 * unchokes, like any seeding peer ({@link Uploader}). Asked for it, it gives a file's {@link
 * Manifest} with its description.
 */
public final class FileServer extends AbstractBehavior<FileServer.Command> {

  /** What a file server receives. */
  public sealed interface Command
      permits Wire.GetFile,
          Wire.GetChunk,
          Wire.Handshake,
          Wire.Interest,
          Wire.RequestChunk,
          Wire.Cancel,
          Wire.Bye,
          Uploader.Wake,
          ChunkQueue.Wake {}

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
  private final HashMap<String, SharedFile> files = new HashMap<>();
  private final HashMap<String, long[]> fullBitfields = new HashMap<>();
  // Descriptions with the manifest, computed when first asked for.
  private final HashMap<String, Wire.FileInfo> withManifest = new HashMap<>();
  private final ChunkQueue downloads;
  private final Uploader uploader;

  private FileServer(ActorContext<Command> context, NodeContext node, Spec spec, LongAdder uploaded) {
    super(context);
    this.node = node;
    this.spec = spec;
    for (StoredFile file : spec.files()) {
      SharedFile shared = new SharedFile(new Wire.FileInfo(node.id(), file.name(), file.size(), spec.chunkSize()));
      files.put(file.name(), shared);
      fullBitfields.put(file.name(), Chunks.full(shared.info().chunks()));
    }
    files.put("", files.get(spec.files().get(0).name()));
    this.downloads = new ChunkQueue(node, context.getSelf(), uploaded);
    this.uploader = new Uploader(node, context.getSelf(), spec.seeding(), uploaded, Malice.NONE);
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
          downloads.cancel(m.from(), m.chunk());
          uploader.cancel(m.from(), m.chunk());
          return this;
        })
        .onMessage(Wire.Bye.class, m -> {
          uploader.gone(m.from());
          return this;
        })
        .onMessage(Uploader.Wake.class, wake -> {
          uploader.wake(wake);
          return this;
        })
        .onMessage(ChunkQueue.Wake.class, wake -> {
          downloads.sent();
          return this;
        })
        .build();
  }

  private Behavior<Command> onGetFile(Wire.GetFile ask) {
    SharedFile file = files.get(ask.file());
    if (file == null) {
      node.send(ask.from(), new Wire.FileInfo(node.id(), ask.file(), -1, spec.chunkSize()));
    } else if (ask.manifest()) {
      Wire.FileInfo info = file.info();
      node.send(ask.from(), withManifest.computeIfAbsent(info.file(), name ->
          new Wire.FileInfo(info.from(), name, info.size(), info.chunkSize(), Manifest.of(name, info.chunks()))));
    } else {
      node.send(ask.from(), file.info());
    }
    return this;
  }

  private Behavior<Command> onGetChunk(Wire.GetChunk ask) {
    SharedFile file = files.get(ask.file());
    if (file != null && ask.chunk() >= 0 && ask.chunk() < file.info().chunks()) {
      downloads.ask(ask.from(), file, ask.chunk());
    }
    return this;
  }

  private Behavior<Command> onHandshake(Wire.Handshake handshake) {
    SharedFile file = files.get(handshake.file());
    if (file != null) {
      uploader.connect(handshake.from(), file);
      node.send(handshake.from(), new Wire.Bitfield(node.id(), fullBitfields.get(file.info().file())));
    }
    return this;
  }
}
