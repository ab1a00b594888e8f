package org.topolab.roles.discovery.directory;

import java.util.Arrays;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractMatchingBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.topolab.node.NodeContext;
import org.topolab.roles.discovery.LookupMetrics;

/**
 * A central index server: it keeps, for each item it is responsible for, the peers that
 * registered it, and answers a query with them, in one round trip. With several servers, item i
 * is kept by server i mod servers.
 */
public final class Index extends AbstractMatchingBehavior<Index.Command> {

  /** What an index server receives. */
  public sealed interface Command permits DirectoryWire.Register, DirectoryWire.Query {}

  private static final int[] NONE = new int[0];

  private final NodeContext node;
  private final LookupMetrics metrics;
  private final int index;
  // holders[i]: the peers (node ids) that registered item i, in the order they did.
  private final int[][] holders;

  private Index(ActorContext<Command> context, NodeContext node, int items, LookupMetrics metrics) {
    super(context);
    this.node = node;
    this.metrics = metrics;
    this.index = node.id() - node.group().first();
    this.holders = new int[items][];
  }

  /** An index server of a catalogue of {@code items} items; {@code metrics} is shared by its group. */
  public static Behavior<Command> create(NodeContext node, int items, LookupMetrics metrics) {
    return Behaviors.setup(context -> new Index(context, node, items, metrics));
  }

  @Override
  public Behavior<Command> onMessage(Command message) {
    metrics.handled(index, node.now());
    if (message instanceof DirectoryWire.Register register) {
      for (int item : register.items()) {
        int[] known = holders[item] == null ? NONE : holders[item];
        int[] more = Arrays.copyOf(known, known.length + 1);
        more[known.length] = register.from();
        holders[item] = more;
      }
    } else if (message instanceof DirectoryWire.Query query) {
      int[] known = holders[query.item()];
      node.send(query.from(), new DirectoryWire.Answer(query.lookup(), known == null ? NONE : known));
    }
    return Behaviors.same();
  }
}
