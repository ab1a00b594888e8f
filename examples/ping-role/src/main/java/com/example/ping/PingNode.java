package com.example.ping;

import java.util.HashMap;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.topolab.distribution.Distribution;
import org.topolab.network.NetMessage;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;

/**
 * A node of the example {@code ping} role: it pings a random member of its target group now and
 * then, measures the round trip when the echo comes back, and answers the pings it receives.
 */
public final class PingNode extends AbstractBehavior<PingNode.Command> {

  /** What a ping node receives. */
  public sealed interface Command permits Probe, Echo, Tick, Expired {}

  /**
   * A ping from node {@code from}, answered by an {@link Echo} with the same id and size.
   *
   * @param from the node that the echo goes back to
   * @param id chosen by the sender, unique among its pings
   * @param bytes size on the wire
   */
  public record Probe(int from, long id, long bytes) implements Command, NetMessage {
    @Override
    public long sizeBytes() {
      return bytes;
    }
  }

  /**
   * The answer to the {@link Probe} with the same {@code id}.
   *
   * @param id the probe's id
   * @param bytes size on the wire
   */
  public record Echo(long id, long bytes) implements Command, NetMessage {
    @Override
    public long sizeBytes() {
      return bytes;
    }
  }

  /** Time to send the next ping. */
  private enum Tick implements Command {
    INSTANCE
  }

  /** Ping {@code id} has waited long enough for its echo. */
  private record Expired(long id) implements Command {}

  /**
   * How a ping node behaves.
   *
   * @param target the group whose members it pings
   * @param interval nanoseconds between two pings
   * @param bytes size of a ping and of its echo
   * @param timeoutNanos how long it waits for an echo before counting the ping as lost
   */
  public record Spec(GroupInfo target, Distribution interval, long bytes, long timeoutNanos) {}

  private final NodeContext node;
  private final Spec spec;
  private final PingMetrics metrics;
  // Pings waiting for their echo: id -> time sent.
  private final HashMap<Long, Long> outstanding = new HashMap<>();
  private long nextId;

  private PingNode(ActorContext<Command> context, NodeContext node, Spec spec, PingMetrics metrics) {
    super(context);
    this.node = node;
    this.spec = spec;
    this.metrics = metrics;
  }

  /** A ping node; {@code metrics} is shared by its group. */
  public static Behavior<Command> create(NodeContext node, Spec spec, PingMetrics metrics) {
    return Behaviors.setup(
        context -> {
          PingNode ping = new PingNode(context, node, spec, metrics);
          // Start at a random point of the first interval, so that the nodes do not ping in step.
          long first = (long) (spec.interval().sampleLong(node.random()) * node.random().nextDouble());
          node.after(first, context.getSelf(), Tick.INSTANCE);
          return ping;
        });
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Tick.class, tick -> onTick())
        .onMessage(Probe.class, this::onProbe)
        .onMessage(Echo.class, this::onEcho)
        .onMessage(Expired.class, this::onExpired)
        .build();
  }

  private Behavior<Command> onTick() {
    long now = node.now();
    if (now >= node.window().endNanos()) {
      return this; // the workload is over: no more pings
    }
    long id = nextId++;
    outstanding.put(id, now);
    metrics.sent(now);
    node.send(pickTarget(), new Probe(node.id(), id, spec.bytes()));
    node.after(spec.timeoutNanos(), getContext().getSelf(), new Expired(id));
    node.after(spec.interval().sampleLong(node.random()), getContext().getSelf(), Tick.INSTANCE);
    return this;
  }

  private Behavior<Command> onProbe(Probe probe) {
    node.send(probe.from(), new Echo(probe.id(), probe.bytes()));
    return this;
  }

  private Behavior<Command> onEcho(Echo echo) {
    Long sentAt = outstanding.remove(echo.id());
    if (sentAt != null) {
      metrics.answered(sentAt, node.now());
    }
    return this;
  }

  private Behavior<Command> onExpired(Expired expired) {
    Long sentAt = outstanding.remove(expired.id());
    if (sentAt != null) {
      metrics.lost(sentAt);
    }
    return this;
  }

  /** A random member of the target group, never this node itself. */
  private int pickTarget() {
    GroupInfo target = spec.target();
    if (!target.contains(node.id())) {
      return target.id(node.random().nextInt(target.count()));
    }
    int other = target.id(node.random().nextInt(target.count() - 1));
    return other >= node.id() ? other + 1 : other;
  }
}
