package org.topolab.roles.p2p;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorRef;
import org.topolab.network.LinkSpec;
import org.topolab.node.NodeContext;

/**
 * The serving half of a swarm member (a peer, or a file server seeding): its neighbours' queued
 * requests, and the pacing of chunks onto the uplink; which neighbours it serves is its {@link
 * Choker}'s part. Its counterpart, a peer's downloading half, is the {@link SwarmDownload}.
 *
 * <p>Chunks go out one at a time, the next one handed to the network when the previous one has
 * left the uplink: the uplink never idles while a request waits. A chunk this node has never sent
 * goes first: spreading distinct chunks is what lets the receivers trade among themselves, and a
 * seed whose uplink is the bottleneck would otherwise spend it on copies. Otherwise the unchoked
 * neighbours take turns, each getting the least-sent chunk of those it asked for, so each gets an
 * equal share, as TCP flows would, and no request waits behind others' for ever.
 *
 * <p>A malicious node's uploader serves every chunk corrupt ({@link Malice#CORRUPT}) or drops every
 * request ({@link Malice#DROP}); any node serves the chunks it holds corrupt as they are.
 */
final class Uploader {

  /** The uploader's timers: its node's actor receives them and hands them to {@link #wake}. */
  enum Wake implements Peer.Command, FileServer.Command {
    /** The last chunk handed to the network has left the uplink. */
    UPLINK,
    /** The rechoke interval is over. */
    RECHOKE
  }

  /** How an uploader behaves: unchoke slots, tit-for-tat or rotation, and the rechoke interval. */
  record Policy(int slots, boolean titForTat, long rechokeNanos) {}

  private final NodeContext node;
  private final ActorRef<? super Wake> self;
  private final LongAdder uploaded;
  private final Choker choker;
  private final double upBitsPerSecond;
  private final Malice malice;
  private final HashMap<Integer, UploadSlot> slots = new HashMap<>();
  // Unchoked neighbours with requests, in the order of their turns; stale entries are skipped.
  private final ArrayDeque<UploadSlot> ready = new ArrayDeque<>();
  private boolean sending;

  /**
   * The uploader of the node whose actor is {@code self}; it sets its timers there, adds the chunk
   * bytes it sends to {@code uploaded}, and serves as {@code malice} says.
   */
  Uploader(NodeContext node, ActorRef<? super Wake> self, Policy policy, LongAdder uploaded, Malice malice) {
    this.node = node;
    this.malice = malice;
    this.self = self;
    this.uploaded = uploaded;
    this.choker = new Choker(node, self, policy);
    this.upBitsPerSecond = node.group().link().upBitsPerSecond();
  }

  /** {@code neighbour} is connected and downloads {@code file}; the uploader serves it from now on. */
  void connect(int neighbour, SharedFile file) {
    slots.putIfAbsent(neighbour, new UploadSlot(neighbour, file));
  }

  /**
   * {@code neighbour} says whether it wants chunks from this node, in its message number {@code
   * seq}. Every interest is answered with a choke or an unchoke, so that the neighbour knows it
   * arrived: a new one if the interest changed the neighbour's state, else the last one repeated
   * (with its number, so that it changes nothing there).
   */
  void interest(int neighbour, boolean wants, int seq) {
    UploadSlot slot = slots.get(neighbour);
    if (slot == null || seq <= slot.interestSeq) {
      return; // overtaken by a later message
    }
    slot.interestSeq = seq;
    int chokes = slot.chokeSeq;
    if (wants != slot.interested) {
      slot.interested = wants;
      choker.interestChanged(slot);
    }
    if (slot.chokeSeq == chokes) {
      choker.repeat(slot);
    }
  }

  /** Bytes of content that {@code neighbour} delivered to this node: tit-for-tat ranks by them. */
  void receivedFrom(int neighbour, int bytes) {
    UploadSlot slot = slots.get(neighbour);
    if (slot != null) {
      slot.receivedFrom += bytes;
    }
  }

  /**
   * {@code neighbour} asks for {@code chunk}; served only if it is unchoked, and once however often
   * it asks while the chunk waits (it asks again when it suspects a loss).
   */
  void request(int neighbour, int chunk) {
    UploadSlot slot = slots.get(neighbour);
    if (slot == null || malice == Malice.DROP) {
      return;
    }
    if (!slot.unchoked) {
      choker.repeat(slot); // choked while the request travelled, or the choke was lost
      return;
    }
    slot.asked = true;
    if (slot.requests.contains(chunk)) {
      return;
    }
    slot.requests.add(chunk);
    if (!slot.ready) {
      slot.ready = true;
      ready.add(slot);
    }
    send();
  }

  /** {@code neighbour} no longer wants {@code chunk}: dropped unless it is on its way already. */
  void cancel(int neighbour, int chunk) {
    UploadSlot slot = slots.get(neighbour);
    if (slot != null) {
      slot.requests.remove(chunk);
    }
  }

  /** {@code neighbour} has left: its requests are dropped and its slot goes to another. */
  void gone(int neighbour) {
    UploadSlot slot = slots.remove(neighbour);
    if (slot != null) {
      slot.requests.clear();
      choker.left(slot);
    }
  }

  /** One of the uploader's timers is due. */
  void wake(Wake wake) {
    switch (wake) {
      case UPLINK -> {
        sending = false;
        send();
      }
      case RECHOKE -> choker.rechoke();
    }
  }

  /**
   * Sends the next chunk: the first never-sent chunk asked for, in the order of the neighbours'
   * turns; if there is none, the least-sent chunk of the neighbour whose turn it is.
   */
  private void send() {
    if (sending) {
      return;
    }
    UploadSlot chosen = null;
    int chunk = -1;
    for (Iterator<UploadSlot> turns = ready.iterator(); turns.hasNext(); ) {
      UploadSlot slot = turns.next();
      if (!slot.unchoked || slot.requests.isEmpty()) {
        slot.ready = false;
        turns.remove();
        continue;
      }
      int leastSent = leastSent(slot);
      if (chosen == null || slot.file.timesSent()[leastSent] == 0) {
        chosen = slot;
        chunk = leastSent;
      }
      if (slot.file.timesSent()[leastSent] == 0) {
        break;
      }
    }
    if (chosen == null) {
      return;
    }
    chosen.requests.remove(chunk);
    chosen.file.timesSent()[chunk]++;
    chosen.sent++;
    ready.remove(chosen);
    if (chosen.requests.isEmpty()) {
      chosen.ready = false;
    } else {
      ready.add(chosen);
    }
    int bytes = chosen.file.info().chunkBytes(chunk);
    boolean corrupt = malice == Malice.CORRUPT || Chunks.has(chosen.file.corrupt(), chunk);
    Wire.Chunk message = new Wire.Chunk(node.id(), chunk, bytes, corrupt);
    node.send(chosen.id, message);
    uploaded.add(bytes);
    sending = true;
    node.after(LinkSpec.transmissionNanos(message.sizeBytes(), upBitsPerSecond), self, Wake.UPLINK);
  }

  /** The chunk {@code slot} asked for that this node has sent least often; the earliest asked among equals. */
  private static int leastSent(UploadSlot slot) {
    int[] sent = slot.file.timesSent();
    int best = -1;
    for (int chunk : slot.requests) {
      if (best < 0 || sent[chunk] < sent[best]) {
        best = chunk;
      }
    }
    return best;
  }
}
