package org.topolab.roles.p2p;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * The client-server receiver: asks a file server for a file's description, then fetches its chunks
 * in order, keeping a fixed number of requests in flight, spread round-robin over the servers of
 * the source group. It never uploads to anyone.
 *
 * <p>On a lossy network it keeps one timer, as TCP does: when no chunk has come for a timeout (see
 * {@link Timeouts}: a few times the pace chunks have been arriving at), the oldest request is asked
 * again, and the timeout doubles until a chunk comes. A server answers in the order
 * asked, so a request that later ones overtake is taken for lost at once. A request asked again
 * goes to the next server if there are several (the first told to drop it); the first copy of a
 * chunk to come counts, and the server last asked is told to drop another.
 */
public final class Downloader extends AbstractBehavior<Downloader.Command> {

  /** What a downloader receives. */
  public sealed interface Command permits Wire.FileInfo, Wire.Chunk, Alarm.Ring, Start {}

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
   * @param retry when an unanswered request is asked again
   * @param start when it starts, from the beginning of the run
   */
  public record Spec(GroupInfo source, String file, int requestsInFlight, Timeouts.Policy retry, Distribution start) {}

  /** Chunks asked for after one, and received before it, that mark it lost. */
  private static final int OVERTAKES = 3;

  /** A chunk asked for and not yet received: of which server, how many times, when last, passed how often. */
  private static final class Ask {
    int server;
    int attempt;
    long sentAt;
    int overtaken;
  }

  private final NodeContext node;
  private final Spec spec;
  private final DownloadMetrics metrics;
  private final Alarm alarm;
  private final Timeouts timeouts;
  private final Pace pace = new Pace();
  // Chunk -> its request, in the order sent (a request sent again goes last).
  private final LinkedHashMap<Integer, Ask> outstanding = new LinkedHashMap<>();
  // When a chunk last came (or the pipeline started), and the timeouts since.
  private long lastProgress;
  private int backoff;
  private final Question fileQuestion;
  private Wire.FileInfo info;
  private long[] received;
  private int receivedCount;
  private long startedAt;
  private int nextServer;
  private int nextChunk;
  private long chunkNanos;

  private Downloader(ActorContext<Command> context, NodeContext node, Spec spec, DownloadMetrics metrics) {
    super(context);
    this.node = node;
    this.spec = spec;
    this.metrics = metrics;
    this.alarm = new Alarm(node, context.getSelf());
    this.timeouts = new Timeouts(spec.retry());
    this.fileQuestion = new Question(timeouts);
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
        .onMessage(Alarm.Ring.class, this::onAlarm)
        .build();
  }

  private Behavior<Command> onStart() {
    startedAt = node.now();
    nextServer = node.random().nextInt(spec.source().count());
    askForFile();
    return this;
  }

  /** Asks the next server for the file's description, and sets the alarm for its answer. */
  private void askForFile() {
    alarm.by(fileQuestion.sent(node.now()));
    node.send(spec.source().id(nextServer), new Wire.GetFile(node.id(), spec.file()));
  }

  private Behavior<Command> onFileInfo(Wire.FileInfo description) {
    if (!fileQuestion.answered(node.now())) {
      return this; // another answer to a question asked again
    }
    if (description.size() < 0) {
      return this; // no such file: the download stays incomplete, as the report then shows
    }
    info = description;
    received = Chunks.empty(info.chunks());
    GroupInfo source = spec.source();
    chunkNanos = LinkSpec.transmissionNanos(info.chunkSize(), Math.min(node.group().link().downBitsPerSecond(), source.link().upBitsPerSecond()));
    metrics.fileSize(info.size());
    fillPipeline();
    if (info.chunks() == 0) {
      metrics.completed(node.id(), startedAt, node.now());
    }
    return this;
  }

  private Behavior<Command> onChunk(Wire.Chunk chunk) {
    if (info == null) {
      return this;
    }
    long now = node.now();
    int index = chunk.chunk();
    metrics.received(now, chunk.bytes());
    Ask ask = outstanding.remove(index);
    if (ask != null) {
      delivered(index, ask, chunk.from());
    }
    if (Chunks.has(received, index)) {
      metrics.duplicate(chunk.bytes());
      return this;
    }
    Chunks.set(received, index);
    if (++receivedCount == info.chunks()) {
      metrics.completed(node.id(), startedAt, now);
    } else {
      fillPipeline();
    }
    return this;
  }

  /**
   * The chunk {@code index} asked for in {@code ask} came from {@code from}: progress, a sample of
   * the pace if it was asked once, and news of the requests it overtook.
   */
  private void delivered(int index, Ask ask, int from) {
    long now = node.now();
    lastProgress = now;
    pace.delivered(now, ask.attempt == 1);
    backoff = 0;
    int asked = spec.source().id(ask.server);
    if (ask.attempt > 1 || asked != from) {
      node.send(asked, new Wire.Cancel(node.id(), index)); // a copy may still wait there
    }
    // A server answers in the order asked, so a chunk asked for well after another (more than a
    // round trip, which covers the network's reordering) that comes first passes it: passed
    // OVERTAKES times, the other is taken for lost and asked again at once.
    List<Integer> lost = new ArrayList<>();
    for (var entry : outstanding.entrySet()) {
      Ask other = entry.getValue();
      if (other.server == ask.server && ask.sentAt - other.sentAt > timeouts.roundTrip() && ++other.overtaken >= OVERTAKES) {
        lost.add(entry.getKey());
      }
    }
    lost.forEach(chunk -> askAgain(chunk, outstanding.get(chunk)));
    setAlarm();
  }

  private Behavior<Command> onAlarm(Alarm.Ring ring) {
    if (!alarm.rings(ring)) {
      return this;
    }
    long now = node.now();
    if (fileQuestion.due() <= now) {
      metrics.resentControl();
      nextServer = (nextServer + 1) % spec.source().count();
      askForFile();
    }
    alarm.by(fileQuestion.due());
    if (info == null) {
      return this;
    }
    if (!outstanding.isEmpty() && now >= deadline()) {
      int oldest = outstanding.keySet().iterator().next();
      backoff++;
      lastProgress = now;
      askAgain(oldest, outstanding.get(oldest));
    }
    setAlarm();
    return this;
  }

  /**
   * When the oldest request is given up on: the wait for one more chunk at the pace they have been
   * arriving (before any has, at the slower of the source's uplink and this node's downlink), from
   * the last progress, doubled at each timeout since the last chunk came.
   */
  private long deadline() {
    Ask oldest = outstanding.values().iterator().next();
    long perChunk = Math.max(pace.nanos(), chunkNanos);
    return Math.max(oldest.sentAt, lastProgress) + timeouts.forWait(perChunk, backoff + 1);
  }

  private void setAlarm() {
    if (!outstanding.isEmpty()) {
      alarm.by(deadline());
    }
  }

  private void fillPipeline() {
    while (outstanding.size() < spec.requestsInFlight() && nextChunk < info.chunks()) {
      Ask ask = new Ask();
      ask.server = nextServer;
      nextServer = (nextServer + 1) % spec.source().count();
      if (outstanding.isEmpty()) {
        lastProgress = node.now();
      }
      send(nextChunk++, ask);
    }
    setAlarm();
  }

  /** Asks for {@code chunk} again: of the next server if there are several, the first told to drop it. */
  private void askAgain(int chunk, Ask ask) {
    metrics.resentRequest();
    outstanding.remove(chunk);
    if (spec.source().count() > 1) {
      node.send(spec.source().id(ask.server), new Wire.Cancel(node.id(), chunk));
      ask.server = (ask.server + 1) % spec.source().count();
    }
    send(chunk, ask);
  }

  /** Sends the request for {@code chunk}, last in the order of requests outstanding. */
  private void send(int chunk, Ask ask) {
    long now = node.now();
    pace.asked(now, outstanding.isEmpty());
    ask.attempt++;
    ask.sentAt = now;
    ask.overtaken = 0;
    outstanding.put(chunk, ask);
    node.send(spec.source().id(ask.server), new Wire.GetChunk(node.id(), info.file(), chunk));
  }
}
