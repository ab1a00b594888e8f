package org.topolab.faults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.topolab.network.NetMessage;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;
import org.topolab.role.GroupMetrics;
import org.topolab.role.GroupModel;
import org.topolab.role.GroupSettings;
import org.topolab.role.Role;

/**
 * A role for engine tests of faults: every {@code every} each node sends a ping of {@code size}
 * bytes to every node of group {@code peer}, and each node notes every ping it handles (when, from
 * whom, sent when, and how many it has handled in its life so far) in report.json's {@code pings}.
 */
public final class TallyRole implements Role {

  /** A ping: who sent it and when. */
  public record Ping(int from, long sentAt, long bytes) implements NetMessage {
    @Override
    public long sizeBytes() {
      return bytes;
    }
  }

  private enum Tick {
    INSTANCE
  }

  /** Each ping handled: time, receiver, sender, sent at, count in the receiver's life. */
  static final class Pings implements GroupMetrics<Pings> {
    private final List<long[]> handled = new ArrayList<>();

    synchronized void handled(long now, int node, Ping ping, long count) {
      handled.add(new long[] {now, node, ping.from(), ping.sentAt(), count});
    }

    @Override
    public synchronized void merge(Pings other) {
      handled.addAll(other.handled);
    }

    synchronized void write(ObjectNode out) {
      ArrayNode array = out.putArray("pings");
      handled.stream()
          .sorted(Comparator.<long[]>comparingLong(p -> p[0]).thenComparingLong(p -> p[1]).thenComparingLong(p -> p[3]))
          .forEach(p -> {
            ArrayNode row = array.addArray();
            for (long value : p) {
              row.add(value);
            }
          });
    }
  }

  @Override
  public String name() {
    return "tally";
  }

  @Override
  public GroupModel<?> configure(GroupSettings group) {
    GroupInfo peer = group.settings().group("peer", List.of("tally"));
    long every = group.settings().duration("every", 100_000_000L, 1);
    long size = group.settings().size("size", 100L);
    return new GroupModel<Pings>() {
      @Override
      public Pings newMetrics() {
        return new Pings();
      }

      @Override
      public Behavior<?> createNode(NodeContext node, Pings metrics) {
        return tally(node, metrics, peer, every, size);
      }

      @Override
      public void report(ObjectNode out, Pings metrics) {
        metrics.write(out);
      }
    };
  }

  private static Behavior<Object> tally(NodeContext node, Pings metrics, GroupInfo peer, long every, long size) {
    return Behaviors.setup(context -> {
      // Ticks fall on whole multiples of every, whenever the node was made.
      node.after(every - node.now() % every, context.getSelf(), Tick.INSTANCE);
      long[] count = {0};
      return Behaviors.receive(Object.class)
          .onMessage(Tick.class, tick -> {
            for (int i = 0; i < peer.count(); i++) {
              node.send(peer.id(i), new Ping(node.id(), node.now(), size));
            }
            node.after(every, context.getSelf(), Tick.INSTANCE);
            return Behaviors.same();
          })
          .onMessage(Ping.class, ping -> {
            metrics.handled(node.now(), node.id(), ping, ++count[0]);
            return Behaviors.same();
          })
          .build();
    });
  }
}
