package org.topolab.roles.p2p;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorRef;
import org.topolab.network.LinkSpec;
import org.topolab.node.NodeContext;

/**
 * The chunks downloaders asked a file server for, sent one at a time: the next goes to the network
 * when the previous one has left the uplink, so the uplink never idles while a request waits, and a
 * request still waiting can be dropped. The downloaders take turns, each getting the chunks it asked
 * for in the order asked, so each gets an equal share of the uplink, as TCP connections would. A
 * request asked again while the first is waiting keeps its place (a downloader asks again when it
 * suspects a loss); a cancel drops it.
 */
final class ChunkQueue {

  /** The queue's timer: the chunk last sent has left the uplink. */
  enum Wake implements FileServer.Command {
    SENT
  }

  /** Chunk {@code chunk} of {@code file}, asked for. */
  private record Asked(SharedFile file, int chunk) {}

  private final NodeContext node;
  private final ActorRef<? super Wake> self;
  private final LongAdder uploaded;
  private final double upBitsPerSecond;
  // Each downloader's requests, in the order asked; the downloaders with requests, in turn.
  private final HashMap<Integer, ArrayDeque<Asked>> waiting = new HashMap<>();
  private final ArrayDeque<Integer> turns = new ArrayDeque<>();
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
    ArrayDeque<Asked> asked = waiting.computeIfAbsent(from, id -> new ArrayDeque<>(4));
    Asked request = new Asked(file, chunk);
    if (asked.contains(request)) {
      return;
    }
    if (asked.isEmpty()) {
      turns.add(from);
    }
    asked.add(request);
    send();
  }

  /** {@code from} no longer wants chunk {@code chunk} (of the file it downloads). */
  void cancel(int from, int chunk) {
    ArrayDeque<Asked> asked = waiting.get(from);
    if (asked != null) {
      asked.removeIf(request -> request.chunk() == chunk);
    }
  }

  /** The chunk last sent has left the uplink. */
  void sent() {
    sending = false;
    send();
  }

  private void send() {
    while (!sending && !turns.isEmpty()) {
      int to = turns.poll();
      ArrayDeque<Asked> asked = waiting.get(to);
      Asked next = asked.poll();
      if (next == null) {
        continue; // all it asked for was cancelled
      }
      if (!asked.isEmpty()) {
        turns.add(to);
      }
      int bytes = next.file().info().chunkBytes(next.chunk());
      Wire.Chunk chunk = new Wire.Chunk(node.id(), next.chunk(), bytes);
      node.send(to, chunk);
      uploaded.add(bytes);
      sending = true;
      node.after(LinkSpec.transmissionNanos(chunk.sizeBytes(), upBitsPerSecond), self, Wake.SENT);
    }
  }
}
