package org.topolab.roles.discovery.unstructured;

import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractMatchingBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.topolab.node.NodeContext;
import org.topolab.roles.discovery.Catalogue;
import org.topolab.roles.discovery.LookupMetrics;

/**
 * A leaf of a super-peer network: when it joins it registers the items it holds with its
 * super-peer, and it looks items up by asking that super-peer, which answers for the whole
 * network ({@link SuperPeer}). Its lookup's hops are the one to its super-peer and those the query
 * went among the super-peers.
 */
public final class Leaf extends AbstractMatchingBehavior<Leaf.Command> {

  /** What a leaf receives. */
  public sealed interface Command permits FloodWire.Hit, Tick {}

  /** The leaf's timers. */
  private enum Tick implements Command {
    JOIN,
    LOOKUP
  }

  private final NodeContext node;
  private final SuperPeer.Spec spec;
  private final LookupMetrics metrics;
  private final ActorRef<Command> self;
  private final int index;
  private final int superPeer;
  // The lookups waiting for their hit: id -> when the lookup started.
  private final Map<Integer, Long> pending = new HashMap<>();
  private int nextId;

  private Leaf(ActorContext<Command> context, NodeContext node, SuperPeer.Spec spec, LookupMetrics metrics) {
    super(context);
    this.node = node;
    this.spec = spec;
    this.metrics = metrics;
    this.self = context.getSelf();
    this.index = node.id() - node.group().first();
    this.superPeer = spec.superPeerOf(node, index);
  }

  /** A leaf: the group's node {@code index} for an index from {@code spec.superPeers()} on. */
  public static Behavior<Command> create(NodeContext node, SuperPeer.Spec spec, LookupMetrics metrics) {
    return Behaviors.setup(
        context -> {
          Leaf leaf = new Leaf(context, node, spec, metrics);
          node.after(spec.workload().joinDelay(node.random()), leaf.self, Tick.JOIN);
          return leaf;
        });
  }

  @Override
  public Behavior<Command> onMessage(Command message) {
    if (message == Tick.JOIN) {
      Catalogue catalogue = spec.workload().catalogue();
      int[] items = new int[catalogue.heldCount(index)];
      for (int i = 0; i < items.length; i++) {
        items[i] = catalogue.heldItem(index, i);
      }
      if (items.length > 0) {
        node.send(superPeer, new FloodWire.Register(node.id(), items));
      }
      node.after(spec.workload().firstLookupDelay(node.now(), node.random()), self, Tick.LOOKUP);
    } else if (message == Tick.LOOKUP) {
      if (spec.workload().due(node, self, Tick.LOOKUP)) {
        lookUp();
      }
    } else if (message instanceof FloodWire.Hit hit) {
      metrics.handled(index, node.now());
      Long started = pending.remove(hit.id());
      if (started != null) {
        metrics.succeeded(started, node.now(), hit.hops());
      }
    }
    return Behaviors.same();
  }

  private void lookUp() {
    int item = spec.workload().draw(index, node.random());
    if (item < 0) {
      return;
    }
    long now = node.now();
    metrics.started(now);
    int id = nextId++;
    pending.put(id, now);
    node.send(superPeer, new FloodWire.LeafQuery(node.id(), id, item, now));
    metrics.queries(now, 1);
  }
}
