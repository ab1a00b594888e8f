package org.topolab.roles.updates;

import java.util.Arrays;
import org.topolab.network.NetMessage;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;
import org.topolab.roles.updates.Digest.Kind;

/**
 * What one gossip node knows of the item and how it passes it on: the newest version it has, and
 * the rules of a contact. Versions are cumulative (the newest one stands for all before it), so a
 * node's whole state is one update and a digest of it is one number.
 *
 * <p>A contact in {@code push} mode sends the content, or with digests a push offer that the
 * receiver answers only if it lacks the version (or, under rumour mongering, to say that it has
 * it). In {@code pull} mode it sends a pull request, answered with the content if the receiver has
 * a newer version. In {@code push-pull} mode it sends the content or a push-pull offer (a pull
 * request if it has nothing to spread): whichever side is behind gets the newer version. Under
 * rumour mongering a node spreads a version, pushing it and serving pulls of it, until it has
 * learnt {@code stop-after} times that a contact already had it. Anti-entropy exchanges ignore
 * that: they serve every version.
 */
final class Dissemination {

  private final NodeContext node;
  private final GossipSpec spec;
  private final UpdateMetrics metrics;
  private final GroupInfo group;
  // This node's copy of its newest version, sent as it is; null until it has one.
  private Update latest;
  private int version;
  // Whether it still spreads its version, and how many contacts already had it (rumour mongering).
  private boolean spreading;
  private int useless;
  // The digests of the current version, by kind, made once and sent as often as needed.
  private final Digest[] digests = new Digest[Kind.values().length];

  Dissemination(NodeContext node, GossipSpec spec, UpdateMetrics metrics) {
    this.node = node;
    this.spec = spec;
    this.metrics = metrics;
    this.group = node.group();
  }

  /** The newest version this node has; 0 for none. */
  int version() {
    return version;
  }

  /** One contact of a gossip round with {@code peer}. */
  void contact(int peer) {
    switch (spec.mode()) {
      case PUSH -> {
        if (spreading) {
          node.send(peer, spec.digests() ? digest(Kind.PUSH) : latest);
        }
      }
      case PULL -> node.send(peer, digest(Kind.PULL));
      case PUSH_PULL -> {
        if (!spreading) {
          node.send(peer, digest(Kind.PULL));
        } else {
          node.send(peer, spec.digests() ? digest(Kind.PUSH_PULL) : latest);
        }
      }
    }
  }

  /** An anti-entropy exchange with {@code peer}. */
  void synchronize(int peer) {
    node.send(peer, digest(Kind.SYNC));
  }

  /** A digest from a peer. */
  void onDigest(Digest digest) {
    int theirs = digest.version();
    int from = digest.from();
    switch (digest.kind()) {
      case PUSH -> {
        if (theirs > version || spec.rumourMongering()) {
          node.send(from, digest(Kind.ANSWER));
        }
      }
      case PULL -> {
        if (version > theirs && spreading) {
          node.send(from, latest);
        } else if (theirs >= version) {
          contactWasUseless();
        }
      }
      case PUSH_PULL -> {
        if (version > theirs && spreading) {
          node.send(from, latest);
        } else if (theirs > version || spec.rumourMongering()) {
          node.send(from, digest(Kind.ANSWER));
        }
        if (theirs >= version) {
          contactWasUseless();
        }
      }
      case ANSWER -> {
        if (theirs < version) {
          if (spreading) {
            node.send(from, latest);
          }
        } else {
          contactWasUseless();
        }
      }
      case SYNC -> {
        if (version > theirs) {
          node.send(from, latest);
        } else if (theirs > version) {
          node.send(from, digest(Kind.SYNC_ANSWER));
        }
      }
      case SYNC_ANSWER -> {
        if (theirs < version) {
          node.send(from, latest);
        }
      }
    }
  }

  /**
   * An update's content, from a peer or from the publisher. Content it had already sends the newer
   * version back in push-pull mode, and otherwise, under rumour mongering, tells the peer that
   * pushed it that the contact was useless: the pusher counts it, not the receiver (Demers et al.'s
   * feedback).
   */
  void onUpdate(Update update) {
    long now = node.now();
    boolean had = update.version() <= version;
    metrics.delivered(now, had);
    if (!had) {
      metrics.reached(version, update, now);
      latest = update.from(node.id());
      version = update.version();
      spreading = true;
      useless = 0;
      Arrays.fill(digests, null);
      return;
    }
    int from = update.from();
    if (!group.contains(from)) {
      return; // the publisher: it takes no gossip
    }
    if (spec.mode() == GossipSpec.Mode.PUSH_PULL && version > update.version() && spreading) {
      node.send(from, latest);
    } else if (spec.rumourMongering()) {
      node.send(from, digest(Kind.ANSWER));
    }
  }

  /**
   * Under rumour mongering, a contact in which this node offered its version (pushed it, or could
   * have served it) found that the peer had it already.
   */
  private void contactWasUseless() {
    if (spreading && spec.rumourMongering() && ++useless >= spec.stopAfter()) {
      spreading = false;
    }
  }

  private NetMessage digest(Kind kind) {
    Digest digest = digests[kind.ordinal()];
    if (digest == null) {
      digest = new Digest(node.id(), version, kind);
      digests[kind.ordinal()] = digest;
    }
    return digest;
  }
}
