package org.topolab.roles.p2p;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.topolab.node.NodeContext;

/**
 * A tracker: knows who is in the swarm of each file. A joining peer gets members of the swarm and
 * becomes a member; a leaving one is struck off. It hands out the members it has handed out least
 * often (at random among equals): when a crowd joins at once, the first to join would otherwise be
 * everyone's neighbour and the last nobody's, and a peer's share of the swarm's upload grows with
 * its neighbours. A peer that asks again (its answer lost, or wanting more neighbours) gets members
 * the same way.
 */
public final class Tracker extends AbstractBehavior<Tracker.Command> {

  /** What a tracker receives. */
  public sealed interface Command permits Wire.Join, Wire.Leave {}

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
    int[] members = swarm.handOut(join.from(), Math.min(join.wanted(), maxNeighbours), node.random());
    node.send(join.from(), new Wire.Members(node.id(), join.file(), members));
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

  /**
   * The members of one swarm, in buckets by how often they have been handed out: bucket k holds
   * those handed out k times, as a list with each member's place in it, so that adding, removing,
   * moving up and drawing at random all take constant time.
   */
  private static final class Swarm {
    private final List<List<Integer>> buckets = new ArrayList<>();
    // Each member's times handed out and place in its bucket.
    private final HashMap<Integer, int[]> where = new HashMap<>();

    void add(int id) {
      if (!where.containsKey(id)) {
        put(id, 0);
      }
    }

    void remove(int id) {
      int[] at = where.remove(id);
      if (at != null) {
        take(at[0], at[1]);
      }
    }

    /** Up to {@code wanted} distinct members other than {@code asker}, the least handed out first. */
    int[] handOut(int asker, int wanted, SplittableRandom random) {
      int[] askerAt = where.remove(asker);
      if (askerAt != null) {
        take(askerAt[0], askerAt[1]); // set aside while drawing
      }
      int size = Math.min(wanted, where.size());
      int[] chosen = new int[size];
      int[] times = new int[size];
      int bucket = 0;
      for (int i = 0; i < size; i++) {
        while (buckets.get(bucket).isEmpty()) {
          bucket++;
        }
        List<Integer> members = buckets.get(bucket);
        chosen[i] = members.get(random.nextInt(members.size()));
        times[i] = bucket;
        int[] at = where.remove(chosen[i]);
        take(at[0], at[1]);
      }
      for (int i = 0; i < size; i++) {
        put(chosen[i], times[i] + 1);
      }
      if (askerAt != null) {
        put(asker, askerAt[0]);
      }
      return chosen;
    }

    private void put(int id, int times) {
      while (buckets.size() <= times) {
        buckets.add(new ArrayList<>());
      }
      List<Integer> bucket = buckets.get(times);
      where.put(id, new int[] {times, bucket.size()});
      bucket.add(id);
    }

    /** Removes the member at place {@code place} of bucket {@code times}, moving the bucket's last into its place. */
    private void take(int times, int place) {
      List<Integer> bucket = buckets.get(times);
      int last = bucket.remove(bucket.size() - 1);
      if (place < bucket.size()) {
        bucket.set(place, last);
        where.get(last)[1] = place;
      }
    }
  }
}
