package org.topolab.roles.p2p;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.topolab.node.NodeContext;

/**
 * Which neighbours a node's uploader serves: at most {@code slots} interested neighbours are
 * unchoked at a time, the others wait in line. Every rechoke interval the slots rotate: without
 * tit-for-tat the longest-unchoked neighbour makes way for the longest-waiting one; with it, the
 * neighbours that uploaded most to this node in the last interval keep their slots, and one slot
 * goes to a random other (the optimistic unchoke).
 *
 * <p>Each choke and unchoke carries its number and the chunks sent to the neighbour so far (see
 * {@link Wire.Choke}). On a lossy network the last one is repeated when the neighbour shows it
 * missed it: a repeated interest, a request while choked, or no request for a whole interval while
 * unchoked.
 */
final class Choker {

  private final NodeContext node;
  private final ActorRef<? super Uploader.Wake> self;
  private final Uploader.Policy policy;
  private final List<UploadSlot> unchoked = new ArrayList<>();
  // Interested neighbours that are choked, longest waiting first; stale entries are skipped.
  private final ArrayDeque<UploadSlot> waiting = new ArrayDeque<>();
  private int interested;
  private boolean rechokeDue;

  Choker(NodeContext node, ActorRef<? super Uploader.Wake> self, Uploader.Policy policy) {
    this.node = node;
    this.self = self;
    this.policy = policy;
  }

  /** {@code slot}'s interest changed to what it now says. */
  void interestChanged(UploadSlot slot) {
    if (slot.interested) {
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

  /** {@code slot}'s neighbour has left: its slot goes to the next in line. */
  void left(UploadSlot slot) {
    slot.gone = true;
    if (slot.interested) {
      interested--;
    }
    if (slot.unchoked) {
      slot.unchoked = false;
      unchoked.remove(slot);
      promote();
    }
  }

  /** The rechoke interval is over: rotates the slots. */
  void rechoke() {
    rechokeDue = false;
    if (policy.titForTat()) {
      rankByUpload();
    } else {
      rotate();
    }
    // A neighbour unchoked for a whole interval that asked for nothing may have missed the unchoke.
    long now = node.now();
    for (UploadSlot slot : unchoked) {
      if (!slot.asked && slot.unchokedAt < now) {
        repeat(slot);
      }
      slot.asked = false;
    }
    scheduleRechoke();
  }

  /** Sends {@code slot}'s neighbour its last choke or unchoke again, with the same number. */
  void repeat(UploadSlot slot) {
    node.send(slot.id, new Wire.Choke(node.id(), slot.unchoked, slot.chokeSeq, slot.sent));
  }

  private void unchoke(UploadSlot slot) {
    slot.unchoked = true;
    slot.unchokedAt = node.now();
    unchoked.add(slot);
    node.send(slot.id, new Wire.Choke(node.id(), true, ++slot.chokeSeq, slot.sent));
  }

  private void choke(UploadSlot slot) {
    slot.unchoked = false;
    slot.requests.clear();
    unchoked.remove(slot);
    node.send(slot.id, new Wire.Choke(node.id(), false, ++slot.chokeSeq, slot.sent));
  }

  private void enqueue(UploadSlot slot) {
    if (!slot.waiting) {
      slot.waiting = true;
      waiting.add(slot);
    }
  }

  /** The longest-waiting interested neighbour, or null. */
  private UploadSlot nextWaiting() {
    UploadSlot slot;
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
      UploadSlot next = nextWaiting();
      if (next == null) {
        return;
      }
      unchoke(next);
    }
  }

  private void rotate() {
    UploadSlot next = nextWaiting();
    if (next == null) {
      return;
    }
    UploadSlot oldest = null;
    for (UploadSlot slot : unchoked) {
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
    List<UploadSlot> candidates = new ArrayList<>(unchoked);
    UploadSlot slot;
    while ((slot = nextWaiting()) != null) {
      candidates.add(slot);
    }
    // Ties (such as neighbours that sent nothing) keep the longest-waiting order: stable sort.
    candidates.sort((a, b) -> Long.compare(b.receivedFrom, a.receivedFrom));
    int keep = Math.min(candidates.size(), Math.max(1, policy.slots() - 1));
    List<UploadSlot> chosen = new ArrayList<>(candidates.subList(0, keep));
    if (candidates.size() > keep && chosen.size() < policy.slots()) {
      chosen.add(candidates.get(keep + node.random().nextInt(candidates.size() - keep)));
    }
    for (UploadSlot candidate : candidates) {
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
      node.after(policy.rechokeNanos(), self, Uploader.Wake.RECHOKE);
    }
  }
}
