package org.topolab.roles.p2p;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorRef;
import org.topolab.network.LinkSpec;
import org.topolab.node.NodeContext;

/**
 * The chunks downloaders asked a file server for, sent first come, first served, one at a time:
 * the next goes to the network when the previous one has left the uplink, so the uplink never idles
 * while a request waits, and a request still waiting can be dropped. A request asked again while
 * the first is waiting keeps its place (a downloader asks again when it suspects a loss); a cancel
 * drops it.
 */
final class ChunkQueue {

  /** The queue's timer: the chunk last sent has left the uplink. */
  enum Wake implements FileServer.Command {
    SENT
  }

  /** Chunk {@code chunk} of {@code file}, asked for by {@code from}. */
  private record Asked(int from, SharedFile file, int chunk) {}

  private final NodeContext node;
  private final ActorRef<? super Wake> self;
  private final LongAdder uploaded;
  private final double upBitsPerSecond;
  private final LinkedHashSet<Asked> waiting = new LinkedHashSet<>();
  private boolean sending;

  /** The queue of the node whose actor is {@code self}; the chunk bytes it sends count in {@code uploaded}. */
  ChunkQueue(NodeContext node, ActorRef<? super Wake> self, LongAdder uploaded) {
    this.node = node;
    this.self = self;
    this.uploaded = uploaded;
    this.upBitsPerSecond = node.group().link().upBitsPerSecond();
  }

  /** {@code from} asks for chunk {@code chunk} of {@code file}. */
  void ask(int from, SharedFile file, int chunk) {
    waiting.add(new Asked(from, file, chunk));
    send();
  }

  /** {@code from} no longer wants chunk {@code chunk} (of the file it downloads). */
  void cancel(int from, int chunk) {
    waiting.removeIf(asked -> asked.from() == from && asked.chunk() == chunk);
  }

  /** The chunk last sent has left the uplink. */
  void sent() {
    sending = false;
    send();
  }

  private void send() {
    if (sending || waiting.isEmpty()) {
      return;
    }
    Iterator<Asked> first = waiting.iterator();
    Asked next = first.next();
    first.remove();
    int bytes = next.file().info().chunkBytes(next.chunk());
    Wire.Chunk chunk = new Wire.Chunk(node.id(), next.chunk(), bytes);
    node.send(next.from(), chunk);
    uploaded.add(bytes);
    sending = true;
    node.after(LinkSpec.transmissionNanos(chunk.sizeBytes(), upBitsPerSecond), self, Wake.SENT);
  }
}
