package org.topolab.roles.p2p;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorRef;
import org.topolab.network.LinkSpec;
import org.topolab.node.NodeContext;

/**
 * The serving half of a swarm member (a peer, or a file server seeding): which neighbours are
 * unchoked, their queued requests, and the pacing of chunks onto the uplink.
 *
 * <p>At most {@code slots} interested neighbours are unchoked at a time; the others wait in line.
 * Chunks go out one at a time, the next one handed to the network when the previous one has left
 * the uplink: the uplink never idles while a request waits. The least-sent chunk goes first, and
 * the unchoked neighbours take turns otherwise, so each gets an equal share, as TCP flows would.
 * Every rechoke interval the slots rotate: without tit-for-tat the longest-unchoked neighbour makes way
 * for the longest-waiting one; with it, the neighbours that uploaded most to this node in the last
 * interval keep their slots, and one slot goes to a random other (the optimistic unchoke).
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

  /** One neighbour as the uploader sees it. */
  private static final class Slot {
    final int id;
    final SharedFile file;
    final ArrayDeque<Integer> requests = new ArrayDeque<>(4);
    boolean interested;
    boolean unchoked;
    boolean waiting;
    boolean ready;
    boolean gone;
    long unchokedAt;
    int interestSeq;
    int chokeSeq;
    long receivedFrom;

    Slot(int id, SharedFile file) {
      this.id = id;
      this.file = file;
    }
  }

  private final NodeContext node;
  private final ActorRef<? super Wake> self;
  private final Policy policy;
  private final LongAdder uploaded;
  private final double upBitsPerSecond;
  private final HashMap<Integer, Slot> slots = new HashMap<>();
  private final List<Slot> unchoked = new ArrayList<>();
  // Interested neighbours that are choked, longest waiting first; stale entries are skipped.
  private final ArrayDeque<Slot> waiting = new ArrayDeque<>();
  // Unchoked neighbours with requests, in round-robin order; stale entries are skipped.
  private final ArrayDeque<Slot> ready = new ArrayDeque<>();
  private int interested;
  private boolean sending;
  private boolean rechokeDue;

  /**
   * The uploader of the node whose actor is {@code self}; it sets its timers there and adds the
   * chunk bytes it sends to {@code uploaded}.
   */
  Uploader(NodeContext node, ActorRef<? super Wake> self, Policy policy, LongAdder uploaded) {
    this.node = node;
    this.self = self;
    this.policy = policy;
    this.uploaded = uploaded;
    this.upBitsPerSecond = node.group().link().upBitsPerSecond();
  }

  /** {@code neighbour} is connected and downloads {@code file}; the uploader serves it from now on. */
  void connect(int neighbour, SharedFile file) {
    slots.putIfAbsent(neighbour, new Slot(neighbour, file));
  }

  /** {@code neighbour} says whether it wants chunks from this node, in its message number {@code seq}. */
  void interest(int neighbour, boolean wants, int seq) {
    Slot slot = slots.get(neighbour);
    if (slot == null || seq <= slot.interestSeq) {
      return; // overtaken by a later message
    }
    slot.interestSeq = seq;
    if (wants == slot.interested) {
      return;
    }
    slot.interested = wants;
    if (wants) {
      interested++;
      if (unchoked.size() < policy.slots()) {
        unchoke(slot);
      } else {
        enqueue(slot);
      }
      scheduleRechoke();
    } else {
      interested--;
      if (slot.unchoked) {
        choke(slot);
        promote();
      }
    }
  }

  /** Bytes of content that {@code neighbour} delivered to this node: tit-for-tat ranks by them. */
  void receivedFrom(int neighbour, int bytes) {
    Slot slot = slots.get(neighbour);
    if (slot != null) {
      slot.receivedFrom += bytes;
    }
  }

  /** {@code neighbour} asks for {@code chunk}; served only if it is unchoked. */
  void request(int neighbour, int chunk) {
    Slot slot = slots.get(neighbour);
    if (slot == null || !slot.unchoked) {
      return; // it was choked while the request travelled, and has asked elsewhere since
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
    Slot slot = slots.get(neighbour);
    if (slot != null) {
      slot.requests.remove(chunk);
    }
  }

  /** {@code neighbour} has left: its requests are dropped and its slot goes to another. */
  void gone(int neighbour) {
    Slot slot = slots.remove(neighbour);
    if (slot == null) {
      return;
    }
    slot.gone = true;
    slot.requests.clear();
    if (slot.interested) {
      interested--;
    }
    if (slot.unchoked) {
      slot.unchoked = false;
      unchoked.remove(slot);
      promote();
    }
  }

  /** One of the uploader's timers is due. */
  void wake(Wake wake) {
    switch (wake) {
      case UPLINK -> {
        sending = false;
        send();
      }
      case RECHOKE -> rechoke();
    }
  }

  /** The rechoke interval is over: rotates the slots. */
  private void rechoke() {
    rechokeDue = false;
    if (policy.titForTat()) {
      rankByUpload();
    } else {
      rotate();
    }
    scheduleRechoke();
  }

  /**
   * Sends the next chunk: of all requests waiting, one for the chunk this node has sent least
   * often, the neighbours taking turns among equals. Spreading distinct chunks first is what lets
   * the receivers trade among themselves; a seed whose uplink is the bottleneck would otherwise
   * spend it on copies of the same chunks.
   */
  private void send() {
    if (sending) {
      return;
    }
    Slot chosen = null;
    int chosenChunk = -1;
    int fewest = Integer.MAX_VALUE;
    for (Iterator<Slot> turns = ready.iterator(); turns.hasNext() && fewest > 0; ) {
      Slot slot = turns.next();
      if (!slot.unchoked || slot.requests.isEmpty()) {
        slot.ready = false;
        turns.remove();
        continue;
      }
      int[] sent = slot.file.timesSent();
      for (int chunk : slot.requests) {
        if (sent[chunk] < fewest) {
          fewest = sent[chunk];
          chosen = slot;
          chosenChunk = chunk;
        }
      }
    }
    if (chosen == null) {
      return;
    }
    chosen.requests.remove(chosenChunk);
    chosen.file.timesSent()[chosenChunk]++;
    ready.remove(chosen);
    if (chosen.requests.isEmpty()) {
      chosen.ready = false;
    } else {
      ready.add(chosen);
    }
    int bytes = chosen.file.info().chunkBytes(chosenChunk);
    Wire.Chunk message = new Wire.Chunk(node.id(), chosenChunk, bytes);
    node.send(chosen.id, message);
    uploaded.add(bytes);
    sending = true;
    node.after(LinkSpec.transmissionNanos(message.sizeBytes(), upBitsPerSecond), self, Wake.UPLINK);
  }

  private void unchoke(Slot slot) {
    slot.unchoked = true;
    slot.unchokedAt = node.now();
    unchoked.add(slot);
    node.send(slot.id, new Wire.Choke(node.id(), true, ++slot.chokeSeq));
  }

  private void choke(Slot slot) {
    slot.unchoked = false;
    slot.requests.clear();
    unchoked.remove(slot);
    node.send(slot.id, new Wire.Choke(node.id(), false, ++slot.chokeSeq));
  }

  private void enqueue(Slot slot) {
    if (!slot.waiting) {
      slot.waiting = true;
      waiting.add(slot);
    }
  }

  /** The longest-waiting interested neighbour, or null. */
  private Slot nextWaiting() {
    Slot slot;
    while ((slot = waiting.poll()) != null) {
      slot.waiting = false;
      if (slot.interested && !slot.unchoked && !slot.gone) {
        return slot;
      }
    }
    return null;
  }

  private void promote() {
    while (unchoked.size() < policy.slots()) {
      Slot next = nextWaiting();
      if (next == null) {
        return;
      }
      unchoke(next);
    }
  }

  private void rotate() {
    Slot next = nextWaiting();
    if (next == null) {
      return;
    }
    Slot oldest = null;
    for (Slot slot : unchoked) {
      if (oldest == null || slot.unchokedAt < oldest.unchokedAt) {
        oldest = slot;
      }
    }
    if (oldest != null && unchoked.size() >= policy.slots()) {
      choke(oldest);
      enqueue(oldest);
    }
    unchoke(next);
  }

  /**
   * Tit-for-tat: the interested neighbours that sent this node most since the last rechoke keep
   * (or get) all slots but one; the last goes to a random other interested neighbour.
   */
  private void rankByUpload() {
    List<Slot> candidates = new ArrayList<>(unchoked);
    Slot slot;
    while ((slot = nextWaiting()) != null) {
      candidates.add(slot);
    }
    // Ties (such as neighbours that sent nothing) keep the longest-waiting order: stable sort.
    candidates.sort((a, b) -> Long.compare(b.receivedFrom, a.receivedFrom));
    int keep = Math.min(candidates.size(), Math.max(1, policy.slots() - 1));
    List<Slot> chosen = new ArrayList<>(candidates.subList(0, keep));
    if (candidates.size() > keep && chosen.size() < policy.slots()) {
      chosen.add(candidates.get(keep + node.random().nextInt(candidates.size() - keep)));
    }
    for (Slot candidate : candidates) {
      candidate.receivedFrom = 0;
      boolean keepIt = chosen.contains(candidate);
      if (candidate.unchoked && !keepIt) {
        choke(candidate);
        enqueue(candidate);
      } else if (!candidate.unchoked && keepIt) {
        unchoke(candidate);
      } else if (!keepIt) {
        enqueue(candidate);
      }
    }
  }

  /** Rechokes only matter while someone is interested; then the timer stops, so a run can end. */
  private void scheduleRechoke() {
    if (!rechokeDue && interested > 0 && policy.rechokeNanos() > 0) {
      rechokeDue = true;
      node.after(policy.rechokeNanos(), self, Wake.RECHOKE);
    }
  }
}
