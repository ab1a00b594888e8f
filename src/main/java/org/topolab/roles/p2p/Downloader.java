package org.topolab.roles.p2p;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.topolab.distribution.Distribution;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;

/**
 * The client-server receiver: asks a file server for a file's description, then fetches its chunks
 * in order, keeping a fixed number of requests in flight, spread round-robin over the servers of
 * the source group. It never uploads to anyone.
 */
public final class Downloader extends AbstractBehavior<Downloader.Command> {

  /** What a downloader receives. */
  public sealed interface Command permits Wire.FileInfo, Wire.Chunk, Start {}

  /** Time to start downloading. */
  private enum Start implements Command {
    INSTANCE
  }

  /**
   * How a downloader behaves.
   *
   * @param source the file-server group
   * @param file the file's name; "" for the servers' first file
   * @param requestsInFlight chunks asked for and not yet received, at most
   * @param start when it starts, from the beginning of the run
   */
  public record Spec(GroupInfo source, String file, int requestsInFlight, Distribution start) {}

  private final NodeContext node;
  private final Spec spec;
  private final DownloadMetrics metrics;
  private Wire.FileInfo info;
  private long startedAt;
  private int nextServer;
  private int nextChunk;
  private int received;

  private Downloader(ActorContext<Command> context, NodeContext node, Spec spec, DownloadMetrics metrics) {
    super(context);
    this.node = node;
    this.spec = spec;
    this.metrics = metrics;
  }

  /** A downloader node; {@code metrics} is shared by its group. */
  public static Behavior<Command> create(NodeContext node, Spec spec, DownloadMetrics metrics) {
    return Behaviors.setup(
        context -> {
          Downloader downloader = new Downloader(context, node, spec, metrics);
          node.after(spec.start().sampleLong(node.random()), context.getSelf(), Start.INSTANCE);
          return downloader;
        });
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Start.class, start -> onStart())
        .onMessage(Wire.FileInfo.class, this::onFileInfo)
        .onMessage(Wire.Chunk.class, this::onChunk)
        .build();
  }

  private Behavior<Command> onStart() {
    startedAt = node.now();
    nextServer = node.random().nextInt(spec.source().count());
    node.send(spec.source().id(nextServer), new Wire.GetFile(node.id(), spec.file()));
    return this;
  }

  private Behavior<Command> onFileInfo(Wire.FileInfo description) {
    if (description.size() < 0) {
      return this; // no such file: the download stays incomplete, as the report then shows
    }
    info = description;
    metrics.fileSize(info.size());
    for (int i = 0; i < spec.requestsInFlight(); i++) {
      requestNext();
    }
    if (info.chunks() == 0) {
      metrics.completed(startedAt, node.now());
    }
    return this;
  }

  private Behavior<Command> onChunk(Wire.Chunk chunk) {
    metrics.received(node.now(), chunk.bytes());
    received++;
    if (received == info.chunks()) {
      metrics.completed(startedAt, node.now());
    } else {
      requestNext();
    }
    return this;
  }

  private void requestNext() {
    if (nextChunk < info.chunks()) {
      int server = spec.source().id(nextServer);
      nextServer = (nextServer + 1) % spec.source().count();
      node.send(server, new Wire.GetChunk(node.id(), info.file(), nextChunk++));
    }
  }
}
