package org.topolab.roles.discovery.directory;

import java.util.Arrays;
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
import org.topolab.roles.discovery.LookupWorkload;

/**
 * A peer of a central directory: when it joins it registers the items it holds with the index
 * servers responsible for them (one message per server); from the end of the join phase it looks
 * items up at the workload's rate, each with one query to the item's server, and the lookup
 * succeeds, in one hop, when the answer names a holder.
 */
public final class DirectoryPeer extends AbstractMatchingBehavior<DirectoryPeer.Command> {

  /** What a directory peer receives. */
  public sealed interface Command permits DirectoryWire.Answer, Tick {}

  /** The peer's timers. */
  private enum Tick implements Command {
    JOIN,
    LOOKUP
  }

  private final NodeContext node;
  private final LookupWorkload workload;
  private final LookupMetrics metrics;
  private final ActorRef<Command> self;
  private final int index;
  private final int peer;
  // The lookups waiting for their answer: lookup number -> when it started.
  private final Map<Integer, Long> pending = new HashMap<>();
  private int nextLookup;

  private DirectoryPeer(ActorContext<Command> context, NodeContext node, LookupWorkload workload, LookupMetrics metrics) {
    super(context);
    this.node = node;
    this.workload = workload;
    this.metrics = metrics;
    this.self = context.getSelf();
    this.index = node.id() - node.group().first();
    this.peer = index - workload.reserved();
  }

  /** A peer of a group whose first {@code workload.reserved()} nodes are the index servers. */
  public static Behavior<Command> create(NodeContext node, LookupWorkload workload, LookupMetrics metrics) {
    return Behaviors.setup(
        context -> {
          DirectoryPeer peer = new DirectoryPeer(context, node, workload, metrics);
          node.after(workload.joinDelay(node.random()), peer.self, Tick.JOIN);
          return peer;
        });
  }

  @Override
  public Behavior<Command> onMessage(Command message) {
    if (message == Tick.JOIN) {
      register();
      node.after(workload.firstLookupDelay(node.now(), node.random()), self, Tick.LOOKUP);
    } else if (message == Tick.LOOKUP) {
      if (workload.due(node, self, Tick.LOOKUP)) {
        lookUp();
      }
    } else if (message instanceof DirectoryWire.Answer answer) {
      metrics.handled(index, node.now());
      Long started = pending.remove(answer.lookup());
      if (started != null) {
        metrics.messages(started, 1);
        if (answer.holders().length > 0) {
          metrics.succeeded(started, node.now(), 1);
        }
      }
    }
    return Behaviors.same();
  }

  /** Sends each index server the items it is responsible for among those this peer holds. */
  private void register() {
    Catalogue catalogue = workload.catalogue();
    int servers = workload.reserved();
    for (int server = 0; server < servers; server++) {
      int count = 0;
      int[] items = new int[catalogue.heldCount(peer)];
      for (int i = 0; i < items.length; i++) {
        int item = catalogue.heldItem(peer, i);
        if (item % servers == server) {
          items[count++] = item;
        }
      }
      if (count > 0) {
        node.send(node.group().id(server), new DirectoryWire.Register(node.id(), Arrays.copyOf(items, count)));
      }
    }
  }

  private void lookUp() {
    int item = workload.draw(peer, node.random());
    if (item < 0) {
      return;
    }
    long now = node.now();
    metrics.started(now);
    int lookup = nextLookup++;
    pending.put(lookup, now);
    node.send(node.group().id(item % workload.reserved()), new DirectoryWire.Query(node.id(), lookup, item));
    metrics.queries(now, 1);
  }
}
