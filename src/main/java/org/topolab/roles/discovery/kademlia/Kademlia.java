package org.topolab.roles.discovery.kademlia;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractMatchingBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.topolab.node.NodeContext;
import org.topolab.roles.discovery.LookupMetrics;
import org.topolab.roles.discovery.LookupWorkload;

/**
 * A Kademlia node (Maymounkov and Mazières 2002). It joins at its time in the join phase: with the
 * bootstrap node as its one contact, it looks up its own id, which fills its table and puts it in
 * the tables of the nodes it asks. Once it has joined and the join phase is over, it publishes the
 * items it holds (a FIND_NODE lookup of each item's key, then a STORE to the k nearest nodes
 * found), looks items up at the workload's rate (FIND_VALUE lookups), and refreshes every bucket
 * that no lookup has targeted for a refresh interval. Every message it receives updates its table
 * with the sender. See docs/discovery.md.
 *
 * <p>It matches its messages itself ({@link AbstractMatchingBehavior}) and returns {@link
 * Behaviors#same()}: a group may hold a hundred thousand such nodes.
 */
public final class Kademlia extends AbstractMatchingBehavior<Kademlia.Command> {

  /** What a Kademlia node receives. */
  public sealed interface Command
      permits KademliaWire.Ping, KademliaWire.Store, KademliaWire.Ack, KademliaWire.FindNode, KademliaWire.FindValue,
          KademliaWire.Nodes, KademliaWire.Value, Requests.Expiry, Requests.Timeout, Tick {}

  /** The node's timers. */
  private enum Tick implements Command {
    JOIN,
    ACTIVE,
    LOOKUP,
    REFRESH
  }

  /**
   * How a Kademlia node behaves.
   *
   * @param space the group's ids
   * @param workload the items, where they live, and the lookups to make
   * @param k the size of a bucket, and the nodes a lookup converges on
   * @param alpha the queries a lookup has out at once
   * @param bootstrap the node (its number) that others join through
   * @param refreshNanos the interval after which a bucket no lookup targeted is refreshed; 0 for never
   * @param timeoutNanos how long an RPC waits for its answer
   */
  record Spec(KeySpace space, LookupWorkload workload, int k, int alpha, int bootstrap, long refreshNanos, long timeoutNanos) {}

  private final NodeContext node;
  private final Spec spec;
  private final LookupMetrics metrics;
  private final ActorRef<Command> self;
  private final int index;
  private final RoutingTable table;
  private final Requests requests;
  private final Responder responder;

  private Kademlia(ActorContext<Command> context, NodeContext node, Spec spec, LookupMetrics metrics) {
    super(context);
    this.node = node;
    this.spec = spec;
    this.metrics = metrics;
    this.self = context.getSelf();
    this.index = node.id() - node.group().first();
    this.table = new RoutingTable(spec.space(), node.id(), spec.k());
    this.requests = new Requests(node, self, spec, table, metrics, this::finished);
    this.responder = new Responder(node, spec.space(), table, spec.k());
  }

  /** A Kademlia node; {@code metrics} is shared by its group. The bootstrap node joins at once, the others at a random time of the join phase. */
  public static Behavior<Command> create(NodeContext node, Spec spec, LookupMetrics metrics) {
    return Behaviors.setup(
        context -> {
          Kademlia kademlia = new Kademlia(context, node, spec, metrics);
          long join = node.id() == spec.bootstrap() ? 0 : spec.workload().joinDelay(node.random());
          node.after(join, kademlia.self, Tick.JOIN);
          return kademlia;
        });
  }

  @Override
  public Behavior<Command> onMessage(Command message) {
    if (message instanceof Tick tick) {
      onTick(tick);
    } else if (message instanceof Requests.Expiry expiry) {
      requests.onExpiry(expiry);
    } else if (message instanceof Requests.Timeout timeout) {
      requests.onTimeout(timeout);
    } else {
      onNetMessage(message);
    }
    return Behaviors.same();
  }

  private void onNetMessage(Command message) {
    metrics.handled(index, node.now());
    if (message instanceof KademliaWire.FindNode find) {
      heard(find.from());
      responder.onFindNode(find);
    } else if (message instanceof KademliaWire.FindValue find) {
      heard(find.from());
      responder.onFindValue(find);
    } else if (message instanceof KademliaWire.Nodes nodes) {
      heard(nodes.from());
      requests.onNodes(nodes);
    } else if (message instanceof KademliaWire.Value value) {
      heard(value.from());
      requests.onValue(value);
    } else if (message instanceof KademliaWire.Store store) {
      heard(store.from());
      responder.onStore(store);
    } else if (message instanceof KademliaWire.Ping ping) {
      heard(ping.from());
      responder.onPing(ping);
    } else if (message instanceof KademliaWire.Ack ack) {
      heard(ack.from());
      requests.onAck(ack);
    }
  }

  /** Any message from {@code sender} updates the table; a full bucket has its oldest contact pinged. */
  private void heard(int sender) {
    int oldest = table.seen(sender);
    if (oldest != RoutingTable.NONE) {
      requests.ping(oldest);
    }
  }

  private void onTick(Tick tick) {
    switch (tick) {
      case JOIN -> {
        if (node.id() != spec.bootstrap()) {
          table.seen(spec.bootstrap());
        }
        requests.start(lookup(Lookup.Purpose.JOIN, spec.space().node(node.id()), -1));
      }
      case ACTIVE -> {
        for (int i = 0; i < spec.workload().catalogue().heldCount(index); i++) {
          int item = spec.workload().catalogue().heldItem(index, i);
          requests.start(lookup(Lookup.Purpose.PUBLISH, spec.space().item(item), item));
        }
        node.after(spec.workload().nextGap(node.random()), self, Tick.LOOKUP);
        if (spec.refreshNanos() > 0) {
          node.after(spec.refreshNanos(), self, Tick.REFRESH);
        }
      }
      case LOOKUP -> {
        if (spec.workload().due(node, self, Tick.LOOKUP)) {
          lookUp();
        }
      }
      case REFRESH -> {
        refresh();
        node.after(spec.refreshNanos(), self, Tick.REFRESH);
      }
    }
  }

  /** Looks up an item drawn by popularity, unless the node holds it; one stored with the node itself is found at once. */
  private void lookUp() {
    int item = spec.workload().draw(index, node.random());
    if (item < 0) {
      return;
    }
    long now = node.now();
    metrics.started(now);
    if (responder.holders(item).length > 0) {
      metrics.succeeded(now, now, 0);
      return;
    }
    requests.start(lookup(Lookup.Purpose.FIND_VALUE, spec.space().item(item), item));
  }

  /** Looks up a random id in the range of every bucket that no lookup targeted for a refresh interval. */
  private void refresh() {
    long now = node.now();
    long[] own = spec.space().node(node.id());
    for (int p = 0; p < table.depth(); p++) {
      if (now - table.lastLookup(p) >= spec.refreshNanos()) {
        requests.start(lookup(Lookup.Purpose.REFRESH, spec.space().inBucket(own, p, node.random()), -1));
      }
    }
  }

  private Lookup lookup(Lookup.Purpose purpose, long[] target, int item) {
    return new Lookup(spec.space(), node.id(), purpose, target, item, spec.k(), spec.alpha(), node.now());
  }

  /** What the node does with a lookup once it is done. */
  private void finished(Lookup lookup) {
    switch (lookup.purpose()) {
      case JOIN -> {
        int[] nearest = lookup.nearest();
        if (nearest.length > 0) {
          long[] own = spec.space().node(node.id());
          for (int p = 0; p < table.bucketOf(spec.space().node(nearest[0])); p++) {
            requests.start(lookup(Lookup.Purpose.REFRESH, spec.space().inBucket(own, p, node.random()), -1));
          }
        }
        node.after(Math.max(0, spec.workload().joinWithinNanos() - node.now()), self, Tick.ACTIVE);
      }
      case PUBLISH -> {
        for (int contact : lookup.nearest()) {
          requests.store(contact, lookup.item());
        }
      }
      case REFRESH -> {} // the answers refreshed the table as they came
      case FIND_VALUE -> {
        if (lookup.found()) {
          metrics.succeeded(lookup.started(), node.now(), lookup.hops());
        }
      }
    }
  }
}
