package org.topolab.roles.updates;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.topolab.node.NodeContext;
import org.topolab.roles.sampling.CyclonView;
import org.topolab.roles.sampling.GroupSampler;
import org.topolab.roles.sampling.PeerSampler;

/**
 * A gossip node: every period it contacts {@code fanout} peers and spreads the versions it has as
 * its {@link Dissemination} says; every anti-entropy interval, if set, it compares versions with
 * one peer; with a Cyclon view, every shuffle period it shuffles the view with its oldest
 * neighbour. It takes updates from anyone, so that a publisher can hand it versions.
 */
public final class Gossip extends AbstractBehavior<Gossip.Command> {

  /** What a gossip node receives. */
  public sealed interface Command permits Update, Digest, Shuffle, Tick {}

  /** A timer of the node. */
  private enum Tick implements Command {
    ROUND,
    ANTI_ENTROPY,
    SHUFFLE
  }

  private final NodeContext node;
  private final GossipSpec spec;
  private final UpdateMetrics metrics;
  private final Dissemination dissemination;
  private final PeerSampler peers;
  // The Cyclon view that peers come from; null when they come from the whole group.
  private final CyclonView view;
  // The peers of one round, reused.
  private final int[] chosen;
  private final ActorRef<Command> self;

  private Gossip(ActorContext<Command> context, NodeContext node, GossipSpec spec, UpdateMetrics metrics) {
    super(context);
    this.node = node;
    this.spec = spec;
    this.metrics = metrics;
    this.dissemination = new Dissemination(node, spec, metrics);
    this.chosen = new int[spec.fanout()];
    this.self = context.getSelf();
    if (spec.view() == null) {
      view = null;
      peers = new GroupSampler(node.id(), node.group());
    } else {
      view = new CyclonView(node.id(), spec.view().size());
      view.bootstrap(node.group(), node.random());
      peers = view;
    }
  }

  /**
   * A gossip node; {@code metrics} is shared by its group. With a view, the view starts with
   * members of the group drawn at random from the node's own random stream.
   */
  public static Behavior<Command> create(NodeContext node, GossipSpec spec, UpdateMetrics metrics) {
    return Behaviors.setup(
        context -> {
          Gossip gossip = new Gossip(context, node, spec, metrics);
          gossip.start(Tick.ROUND, spec.periodNanos());
          if (spec.antiEntropyNanos() > 0) {
            gossip.start(Tick.ANTI_ENTROPY, spec.antiEntropyNanos());
          }
          if (spec.view() != null) {
            gossip.start(Tick.SHUFFLE, spec.view().shufflePeriodNanos());
          }
          return gossip;
        });
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Tick.class, this::onTick)
        .onMessage(Update.class, this::onUpdate)
        .onMessage(Digest.class, this::onDigest)
        .onMessage(Shuffle.class, this::onShuffle)
        .build();
  }

  private Behavior<Command> onTick(Tick tick) {
    switch (tick) {
      case ROUND -> {
        int count = peers.select(node.random(), spec.fanout(), chosen);
        for (int i = 0; i < count; i++) {
          dissemination.contact(chosen[i]);
        }
        next(tick, spec.periodNanos());
      }
      case ANTI_ENTROPY -> {
        if (peers.select(node.random(), 1, chosen) == 1) {
          dissemination.synchronize(chosen[0]);
        }
        next(tick, spec.antiEntropyNanos());
      }
      case SHUFFLE -> {
        CyclonView.Offer offer = view.shuffle(spec.view().shuffleLength(), node.random());
        if (offer != null) {
          node.send(offer.peer(), new Shuffle(node.id(), false, offer.ids(), offer.ages()));
        }
        next(tick, spec.view().shufflePeriodNanos());
      }
    }
    return this;
  }

  private Behavior<Command> onUpdate(Update update) {
    metrics.received(node.now(), update);
    dissemination.onUpdate(update);
    return this;
  }

  private Behavior<Command> onDigest(Digest digest) {
    metrics.received(node.now(), digest);
    dissemination.onDigest(digest);
    return this;
  }

  private Behavior<Command> onShuffle(Shuffle shuffle) {
    metrics.received(node.now(), shuffle);
    if (view == null) {
      return this; // this group draws peers from the whole group: it keeps no view to shuffle
    }
    if (shuffle.answer()) {
      view.accept(shuffle.from(), shuffle.ids(), shuffle.ages());
    } else {
      CyclonView.Offer answer =
          view.answer(shuffle.from(), shuffle.ids(), shuffle.ages(), spec.view().shuffleLength(), node.random());
      node.send(shuffle.from(), new Shuffle(node.id(), true, answer.ids(), answer.ages()));
    }
    return this;
  }

  /**
   * The first firing of a timer that repeats every {@code interval}: in rounds, at the next whole
   * multiple of it; in random phase, at a random point of the first interval.
   */
  private void start(Tick tick, long interval) {
    long delay = spec.timing() == GossipSpec.Timing.ROUNDS ? untilMultiple(interval) : node.random().nextLong(interval);
    node.after(delay, self, tick);
  }

  /** The next firing of a timer that repeats every {@code interval}. */
  private void next(Tick tick, long interval) {
    node.after(spec.timing() == GossipSpec.Timing.ROUNDS ? untilMultiple(interval) : interval, self, tick);
  }

  /** Time from now to the next whole multiple of {@code interval}, after now. */
  private long untilMultiple(long interval) {
    return interval - node.now() % interval;
  }
}
