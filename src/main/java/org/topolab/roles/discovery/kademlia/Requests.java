package org.topolab.roles.discovery.kademlia;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.topolab.network.NetMessage;
import org.topolab.node.NodeContext;
import org.topolab.roles.discovery.LookupMetrics;

/**
 * A Kademlia node's side as a client: the RPCs it waits for, and the lookups they serve. A lookup
 * is seeded with the k contacts of the node's own table nearest to its target and then driven by
 * the answers: each answer, or a query's timeout, lets it ask the next candidate. An answer that
 * comes after its timeout, or from another node than the one asked, is not taken as an answer (its
 * sender still counts as seen, as for any message). STOREs are not followed up: their answers only
 * tell the node that the storer is there.
 *
 * <p>Timers: one per lookup, not one per query, since a simulated timer costs as much as a
 * message: it fires a timeout after the oldest query still unanswered, fails every query asked a
 * timeout ago or more, and is set again for the next oldest. A ping has its own.
 *
 * <p>For the workload's lookups it counts the messages of each: every query sent, and every answer
 * that comes back in time, including those to queries still out when the lookup ended.
 */
final class Requests {

  /** The timer of a lookup's queries; it stays with the node that set it. */
  record Expiry(Lookup lookup) implements Kademlia.Command {}

  /** The timeout of the ping with RPC id {@code rpc}. */
  record Timeout(int rpc) implements Kademlia.Command {}

  /** An RPC waiting for its answer: whom it asked, and for a query, its lookup (null for a ping). */
  private record Pending(int contact, Lookup lookup) {}

  private final NodeContext node;
  private final ActorRef<Kademlia.Command> self;
  private final Kademlia.Spec spec;
  private final RoutingTable table;
  private final LookupMetrics metrics;
  private final Consumer<Lookup> finished;
  private final Map<Integer, Pending> pending = new HashMap<>();
  private final int[] scratch;
  private int nextRpc;

  /** The requests of {@code node}, whose lookups are handed to {@code finished} once done. */
  Requests(NodeContext node, ActorRef<Kademlia.Command> self, Kademlia.Spec spec, RoutingTable table, LookupMetrics metrics,
      Consumer<Lookup> finished) {
    this.node = node;
    this.self = self;
    this.spec = spec;
    this.table = table;
    this.metrics = metrics;
    this.finished = finished;
    this.scratch = new int[spec.k()];
  }

  /** Starts {@code lookup} from the nearest contacts of the table. */
  void start(Lookup lookup) {
    table.lookedUp(lookup.target(), node.now());
    int count = table.closest(lookup.target(), spec.k(), scratch);
    for (int i = 0; i < count; i++) {
      lookup.offer(scratch[i], 0);
    }
    advance(lookup);
  }

  /** Asks {@code contact} whether it is there, for the table's eviction. */
  void ping(int contact) {
    int rpc = nextRpc++;
    pending.put(rpc, new Pending(contact, null));
    node.send(contact, new KademliaWire.Ping(node.id(), rpc, spec.space().idBytes()));
    node.after(spec.timeoutNanos(), self, new Timeout(rpc));
  }

  /** Asks {@code contact} to keep this node as a holder of {@code item}. */
  void store(int contact, int item) {
    node.send(contact, new KademliaWire.Store(node.id(), nextRpc++, spec.space().idBytes(), item));
  }

  /** A {@link KademliaWire.Nodes} arrived. */
  void onNodes(KademliaWire.Nodes answer) {
    Lookup lookup = queryOf(answer.rpc(), answer.from());
    if (lookup != null) {
      lookup.answered(answer.from(), answer.contacts());
      advance(lookup);
    }
  }

  /** A {@link KademliaWire.Value} arrived. */
  void onValue(KademliaWire.Value answer) {
    Lookup lookup = queryOf(answer.rpc(), answer.from());
    if (lookup != null) {
      lookup.found(answer.from());
      advance(lookup);
    }
  }

  /** An {@link KademliaWire.Ack} arrived: a pinged contact is there (a STORE's answer needs nothing). */
  void onAck(KademliaWire.Ack ack) {
    Pending sent = pending.get(ack.rpc());
    if (sent != null && sent.lookup() == null && sent.contact() == ack.from()) {
      pending.remove(ack.rpc());
      table.answered(sent.contact());
    }
  }

  /** A ping's time is up: if it is still unanswered, the contact makes way. */
  void onTimeout(Timeout timeout) {
    Pending sent = pending.remove(timeout.rpc());
    if (sent != null) {
      table.unresponsive(sent.contact());
    }
  }

  /** A lookup's timer: its queries asked a timeout ago or more have failed. */
  void onExpiry(Expiry expiry) {
    Lookup lookup = expiry.lookup();
    lookup.timed(false);
    int[] expired = new int[lookup.candidates()];
    int count = lookup.expire(node.now() - spec.timeoutNanos(), expired);
    for (int i = 0; i < count; i++) {
      pending.remove(expired[i]);
    }
    advance(lookup);
  }

  /** The lookup of the query that {@code rpc} answers, if {@code from} was asked and it is still awaited; counts the answer. */
  private Lookup queryOf(int rpc, int from) {
    Pending sent = pending.get(rpc);
    if (sent == null || sent.contact() != from || sent.lookup() == null) {
      return null;
    }
    pending.remove(rpc);
    count(sent.lookup(), false);
    return sent.lookup();
  }

  /** Sends the queries the lookup may send now, hands it over once it is done, and keeps its timer set while queries are out. */
  private void advance(Lookup lookup) {
    if (!lookup.closed()) {
      int idBytes = spec.space().idBytes();
      for (int contact = lookup.next(nextRpc, node.now()); contact >= 0; contact = lookup.next(nextRpc, node.now())) {
        int rpc = nextRpc++;
        pending.put(rpc, new Pending(contact, lookup));
        NetMessage query =
            lookup.purpose() == Lookup.Purpose.FIND_VALUE
                ? new KademliaWire.FindValue(node.id(), rpc, idBytes, lookup.item())
                : new KademliaWire.FindNode(node.id(), rpc, idBytes, lookup.target());
        node.send(contact, query);
        count(lookup, true);
      }
      if (lookup.done()) {
        lookup.close();
        finished.accept(lookup);
      }
    }
    long oldest = lookup.oldestAsked();
    if (oldest != Long.MAX_VALUE && !lookup.timed(true)) {
      node.after(oldest + spec.timeoutNanos() - node.now(), self, new Expiry(lookup));
    }
  }

  /** One message of {@code lookup}, a query or an answer, if it is one the metrics count. */
  private void count(Lookup lookup, boolean query) {
    if (lookup.purpose() != Lookup.Purpose.FIND_VALUE) {
      return;
    }
    if (query) {
      metrics.queries(lookup.started(), 1);
    } else {
      metrics.messages(lookup.started(), 1);
    }
  }
}
