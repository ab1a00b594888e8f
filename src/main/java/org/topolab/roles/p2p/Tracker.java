package org.topolab.roles.p2p;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.topolab.node.NodeContext;

/**
 * A tracker: knows who is in the swarm of each file. A joining peer gets a random subset of the
 * members and becomes a member; a leaving one is struck off.
 */
public final class Tracker extends AbstractBehavior<Tracker.Command> {

  /** What a tracker receives. */
  public sealed interface Command permits Wire.Join, Wire.Leave {}

  /** The members of one swarm, with O(1) removal: a list and each member's place in it. */
  private static final class Swarm {
    final List<Integer> members = new ArrayList<>();
    final HashMap<Integer, Integer> index = new HashMap<>();

    void add(int id) {
      if (!index.containsKey(id)) {
        index.put(id, members.size());
        members.add(id);
      }
    }

    void remove(int id) {
      Integer at = index.remove(id);
      if (at != null) {
        int last = members.remove(members.size() - 1);
        if (last != id) {
          members.set(at, last);
          index.put(last, at);
        }
      }
    }
  }

  private final NodeContext node;
  private final int maxNeighbours;
  private final HashMap<String, Swarm> swarms = new HashMap<>();

  private Tracker(ActorContext<Command> context, NodeContext node, int maxNeighbours) {
    super(context);
    this.node = node;
    this.maxNeighbours = maxNeighbours;
  }

  /** A tracker node that hands out at most {@code maxNeighbours} members per join. */
  public static Behavior<Command> create(NodeContext node, int maxNeighbours) {
    return Behaviors.setup(context -> new Tracker(context, node, maxNeighbours));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder().onMessage(Wire.Join.class, this::onJoin).onMessage(Wire.Leave.class, this::onLeave).build();
  }

  private Behavior<Command> onJoin(Wire.Join join) {
    Swarm swarm = swarms.computeIfAbsent(join.file(), file -> new Swarm());
    node.send(join.from(), new Wire.Members(node.id(), join.file(), sample(swarm, join.from(), join.wanted())));
    swarm.add(join.from());
    return this;
  }

  private Behavior<Command> onLeave(Wire.Leave leave) {
    Swarm swarm = swarms.get(leave.file());
    if (swarm != null) {
      swarm.remove(leave.from());
    }
    return this;
  }

  /** Up to {@code wanted} distinct members other than {@code asker}, drawn at random. */
  private int[] sample(Swarm swarm, int asker, int wanted) {
    List<Integer> members = swarm.members;
    int others = members.size() - (swarm.index.containsKey(asker) ? 1 : 0);
    int size = Math.min(Math.min(wanted, maxNeighbours), others);
    int[] chosen = new int[size];
    if (size == others) {
      int i = 0;
      for (int member : members) {
        if (member != asker) {
          chosen[i++] = member;
        }
      }
      return chosen;
    }
    // Few out of many: draw until distinct (size is far below the swarm's size here).
    int filled = 0;
    while (filled < size) {
      int candidate = members.get(node.random().nextInt(members.size()));
      boolean fresh = candidate != asker;
      for (int i = 0; i < filled && fresh; i++) {
        fresh = chosen[i] != candidate;
      }
      if (fresh) {
        chosen[filled++] = candidate;
      }
    }
    return chosen;
  }
}
