package org.topolab.roles.updates;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;

/**
 * A node that follows a publisher's item: it takes the versions pushed to it and, if it polls,
 * asks the publisher every poll interval for anything newer than what it has, starting at a
 * random point of the first interval so that the subscribers do not all poll at once. It records
 * when each version reached it. Polls go on after the workload, during the drain, so that versions
 * released just before its end still reach every subscriber.
 */
public final class Subscriber extends AbstractBehavior<Subscriber.Command> {

  /** What a subscriber receives. */
  public sealed interface Command permits Update, NotModified, PollNow {}

  /** Time to poll the publisher. */
  private enum PollNow implements Command {
    INSTANCE
  }

  /**
   * How a subscriber behaves.
   *
   * @param publisher the publisher's group (of one node)
   * @param pollIntervalNanos time between polls; 0 if the subscriber only waits for pushes
   */
  public record Spec(GroupInfo publisher, long pollIntervalNanos) {}

  private final NodeContext node;
  private final Spec spec;
  private final UpdateMetrics metrics;
  private int version;

  private Subscriber(ActorContext<Command> context, NodeContext node, Spec spec, UpdateMetrics metrics) {
    super(context);
    this.node = node;
    this.spec = spec;
    this.metrics = metrics;
  }

  /** A subscriber node; {@code metrics} is shared by its group. */
  public static Behavior<Command> create(NodeContext node, Spec spec, UpdateMetrics metrics) {
    return Behaviors.setup(
        context -> {
          Subscriber subscriber = new Subscriber(context, node, spec, metrics);
          if (spec.pollIntervalNanos() > 0) {
            long phase = (long) (spec.pollIntervalNanos() * node.random().nextDouble());
            node.after(phase, context.getSelf(), PollNow.INSTANCE);
          }
          return subscriber;
        });
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Update.class, this::onUpdate)
        .onMessage(NotModified.class, this::onNotModified)
        .onMessage(PollNow.class, poll -> onPollNow())
        .build();
  }

  private Behavior<Command> onUpdate(Update update) {
    long now = node.now();
    metrics.received(now, update);
    boolean newer = update.version() > version;
    if (newer) {
      metrics.reached(version, update, now);
      version = update.version();
    }
    metrics.delivered(now, !newer);
    return this;
  }

  private Behavior<Command> onNotModified(NotModified answer) {
    metrics.received(node.now(), answer);
    return this;
  }

  private Behavior<Command> onPollNow() {
    node.send(spec.publisher().first(), new Poll(node.id(), version));
    node.after(spec.pollIntervalNanos(), getContext().getSelf(), PollNow.INSTANCE);
    return this;
  }
}
