package org.topolab.roles.discovery.unstructured;

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
 * A peer of an unstructured overlay, as in Gnutella: it knows its neighbours in the overlay and
 * the items it holds, nothing more. It looks an item up either by flooding ({@link Flood}) or by
 * random walks: {@code walkers} walkers each go to one random neighbour after another (never
 * straight back, unless there is no other) until one reaches a holder, which answers the origin
 * directly, or their TTL is spent (Lv, Cao, Cohen, Li and Shenker 2002). A lookup succeeds with
 * its first hit, its hops being how far the query went to the holder.
 */
public final class Flooding extends AbstractMatchingBehavior<Flooding.Command> {

  /** What a flooding peer receives. */
  public sealed interface Command permits FloodWire.Query, FloodWire.Walk, FloodWire.Hit, Tick {}

  /** The peer's timer. */
  private enum Tick implements Command {
    LOOKUP
  }

  /**
   * How flooding peers behave.
   *
   * @param workload the items, where they live, and the lookups to make
   * @param overlay the graph of the group's nodes
   * @param ttl how many hops a query (or a walker) may go
   * @param walkers the walkers of a lookup by random walks; 0 to flood
   */
  record Spec(LookupWorkload workload, Overlay overlay, int ttl, int walkers) {}

  private final NodeContext node;
  private final Spec spec;
  private final LookupMetrics metrics;
  private final ActorRef<Command> self;
  private final int index;
  private final int[] neighbours;
  private final Flood flood;
  // This peer's lookups waiting for their first hit: query id -> when the lookup started.
  private final Map<Integer, Long> pending = new HashMap<>();
  private int nextWalk;

  private Flooding(ActorContext<Command> context, NodeContext node, Spec spec, LookupMetrics metrics) {
    super(context);
    this.node = node;
    this.spec = spec;
    this.metrics = metrics;
    this.self = context.getSelf();
    this.index = node.id() - node.group().first();
    this.neighbours = spec.overlay().neighbourIds(node.group(), index);
    this.flood = new Flood(node, neighbours, spec.ttl(), item -> spec.workload().catalogue().holds(index, item) ? node.id() : -1,
        metrics);
  }

  /**
   * A flooding peer; {@code metrics} is shared by its group. The overlay is there from the start:
   * a peer only waits for the join phase to end.
   */
  public static Behavior<Command> create(NodeContext node, Spec spec, LookupMetrics metrics) {
    return Behaviors.setup(
        context -> {
          Flooding peer = new Flooding(context, node, spec, metrics);
          node.after(spec.workload().firstLookupDelay(0, node.random()), peer.self, Tick.LOOKUP);
          return peer;
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
    if (message instanceof FloodWire.Query query) {
      flood.onQuery(query);
    } else if (message instanceof FloodWire.Walk walk) {
      onWalk(walk);
    } else if (message instanceof FloodWire.Hit hit) {
      FloodWire.Hit mine = flood.onHit(hit);
      Long started = mine == null ? null : pending.remove(mine.id());
      if (started != null) {
        metrics.succeeded(started, node.now(), mine.hops());
      }
    }
    return Behaviors.same();
  }

  private void lookUp() {
    int item = spec.workload().draw(index, node.random());
    if (item < 0 || neighbours.length == 0) {
      return;
    }
    long now = node.now();
    metrics.started(now);
    if (spec.walkers() == 0) {
      pending.put(flood.start(item, now), now);
      return;
    }
    // Walks are numbered apart from floods: negative ids.
    int id = -1 - nextWalk++;
    pending.put(id, now);
    for (int w = 0; w < spec.walkers(); w++) {
      node.send(neighbours[node.random().nextInt(neighbours.length)],
          new FloodWire.Walk(node.id(), node.id(), id, item, spec.ttl() - 1, 1, now));
    }
    metrics.queries(now, spec.walkers());
  }

  /**
   * A walker arrived: a holder answers the origin, and the walker ends; otherwise it goes on to a
   * random neighbour while its TTL lasts.
   */
  private void onWalk(FloodWire.Walk walk) {
    if (spec.workload().catalogue().holds(index, walk.item())) {
      node.send(walk.origin(), new FloodWire.Hit(walk.origin(), walk.id(), node.id(), walk.hops(), walk.started()));
      metrics.messages(walk.started(), 1);
      return;
    }
    if (walk.ttl() == 0) {
      return;
    }
    int next = neighbours[node.random().nextInt(neighbours.length)];
    if (next == walk.from() && neighbours.length > 1) {
      // Not straight back: one of the others, uniformly.
      int i = node.random().nextInt(neighbours.length - 1);
      next = neighbours[i] == walk.from() ? neighbours[neighbours.length - 1] : neighbours[i];
    }
    node.send(next, new FloodWire.Walk(node.id(), walk.origin(), walk.id(), walk.item(), walk.ttl() - 1, walk.hops() + 1,
        walk.started()));
    metrics.queries(walk.started(), 1);
  }
}
