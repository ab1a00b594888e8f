package org.topolab.roles.discovery.unstructured;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractMatchingBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.topolab.node.NodeContext;
import org.topolab.roles.discovery.LookupMetrics;
import org.topolab.roles.discovery.LookupWorkload;

/**
 * A super-peer, as in KaZaA and Gnutella 0.6: a peer that also keeps an index of what its leaves
 * hold and answers for them. A leaf's query that its own index answers costs one round trip;
 * otherwise it floods the query among the super-peers ({@link Flood}, over their own overlay), each
 * of which answers from its index, and relays the first hit to the leaf. Its own lookups work the
 * same, without the leaf.
 */
public final class SuperPeer extends AbstractMatchingBehavior<SuperPeer.Command> {

  /** What a super-peer receives. */
  public sealed interface Command permits FloodWire.Query, FloodWire.Hit, FloodWire.Register, FloodWire.LeafQuery, Tick {}

  /** The super-peer's timer. */
  private enum Tick implements Command {
    LOOKUP
  }

  /** Whom a flood is for: a leaf and its lookup's id, or this super-peer's own lookup (leaf -1). */
  private record Asker(int leaf, int id, long started) {}

  /**
   * How super-peers and their leaves behave.
   *
   * @param workload the items, where they live, and the lookups to make
   * @param superPeers how many of the group's first nodes are super-peers
   * @param overlay the graph of the super-peers
   * @param ttl how many hops a query goes among the super-peers
   */
  record Spec(LookupWorkload workload, int superPeers, Overlay overlay, int ttl) {
    /** The super-peer (node id) of the group's node {@code index}: index mod super-peers. */
    int superPeerOf(NodeContext node, int index) {
      return node.group().id(index % superPeers);
    }
  }

  private final NodeContext node;
  private final Spec spec;
  private final LookupMetrics metrics;
  private final ActorRef<Command> self;
  private final int index;
  // holderOf[item]: the first node known here to hold it (itself or a leaf), or -1.
  private final int[] holderOf;
  private final Flood flood;
  // The floods waiting for their first hit: flood id -> whom it is for.
  private final Map<Integer, Asker> askers = new HashMap<>();

  private SuperPeer(ActorContext<Command> context, NodeContext node, Spec spec, LookupMetrics metrics) {
    super(context);
    this.node = node;
    this.spec = spec;
    this.metrics = metrics;
    this.self = context.getSelf();
    this.index = node.id() - node.group().first();
    this.holderOf = new int[spec.workload().catalogue().items()];
    Arrays.fill(holderOf, -1);
    for (int i = 0; i < spec.workload().catalogue().heldCount(index); i++) {
      holderOf[spec.workload().catalogue().heldItem(index, i)] = node.id();
    }
    this.flood = new Flood(node, spec.overlay().neighbourIds(node.group(), index), spec.ttl(), item -> holderOf[item], metrics);
  }

  /** A super-peer: the group's node {@code index} for an index below {@code spec.superPeers()}. */
  public static Behavior<Command> create(NodeContext node, Spec spec, LookupMetrics metrics) {
    return Behaviors.setup(
        context -> {
          SuperPeer superPeer = new SuperPeer(context, node, spec, metrics);
          node.after(spec.workload().firstLookupDelay(0, node.random()), superPeer.self, Tick.LOOKUP);
          return superPeer;
        });
  }

  @Override
  public Behavior<Command> onMessage(Command message) {
    if (message == Tick.LOOKUP) {
      if (spec.workload().due(node, self, Tick.LOOKUP)) {
        lookUp();
      }
      return Behaviors.same();
    }
    metrics.handled(index, node.now());
    if (message instanceof FloodWire.Register register) {
      for (int item : register.items()) {
        if (holderOf[item] < 0) {
          holderOf[item] = register.from();
        }
      }
    } else if (message instanceof FloodWire.LeafQuery query) {
      onLeafQuery(query);
    } else if (message instanceof FloodWire.Query query) {
      flood.onQuery(query);
    } else if (message instanceof FloodWire.Hit hit) {
      FloodWire.Hit mine = flood.onHit(hit);
      Asker asker = mine == null ? null : askers.remove(mine.id());
      if (asker != null) {
        answer(asker, mine.holder(), mine.hops());
      }
    }
    return Behaviors.same();
  }

  private void onLeafQuery(FloodWire.LeafQuery query) {
    Asker asker = new Asker(query.from(), query.id(), query.started());
    int holder = holderOf[query.item()];
    if (holder >= 0) {
      answer(asker, holder, 0);
    } else {
      askers.put(flood.start(query.item(), query.started()), asker);
    }
  }

  /** Tells the asker that {@code holder} has its item, found {@code hops} away among the super-peers. */
  private void answer(Asker asker, int holder, int hops) {
    if (asker.leaf() < 0) {
      metrics.succeeded(asker.started(), node.now(), hops);
    } else {
      node.send(asker.leaf(), new FloodWire.Hit(asker.leaf(), asker.id(), holder, hops + 1, asker.started()));
      metrics.messages(asker.started(), 1);
    }
  }

  private void lookUp() {
    int item = spec.workload().draw(index, node.random());
    if (item < 0) {
      return;
    }
    long now = node.now();
    metrics.started(now);
    Asker own = new Asker(-1, -1, now);
    if (holderOf[item] >= 0) {
      answer(own, holderOf[item], 0);
    } else {
      askers.put(flood.start(item, now), own);
    }
  }
}
