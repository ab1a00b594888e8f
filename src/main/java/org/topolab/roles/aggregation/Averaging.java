package org.topolab.roles.aggregation;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractMatchingBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.topolab.network.NetMessage;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;

/**
 * A node of push-pull gossip averaging (Jelasity, Montresor and Babaoglu, 2005), event-driven as
 * PeerSim's {@code example.edaggregation.AverageED}. Once a cycle its timer fires and it sends its
 * value to a uniformly random other node of its group (a {@link Push}); the receiver answers with
 * its own value (a {@link Reply}) and takes the average of the two; the initiator, on the reply,
 * takes the average of the reply and the value it holds then. An exchange is thus three events:
 * the timer, the push and the reply. If the initiator's value changed between its push and the
 * reply (another node's push came in meanwhile), the pair's sum changes, so the group's mean drifts
 * a little (see docs/averaging.md).
 *
 * <p>For the report, the node records the value it held at each cycle boundary (times 0, cycle,
 * 2 cycle, ..., cycles x cycle) without an event of its own: before each change of value, and at
 * each of its ticks, it records its current value for every boundary passed since it last did; a
 * last tick one cycle after its last exchange records the final boundary. A change at the very
 * instant of a boundary comes after it.
 *
 * <p>It matches its messages itself ({@link AbstractMatchingBehavior}, Pekko's alternative to the
 * receive builder) and returns {@link Behaviors#same()}: a group may hold millions of such nodes,
 * and a receive builder would give each of them its own handlers and cases.
 */
public final class Averaging extends AbstractMatchingBehavior<Averaging.Command> {

  /** Bytes of framing every averaging message carries (length, type, sender). */
  public static final long HEADER_BYTES = 16;

  /** What an averaging node receives. */
  public sealed interface Command permits Push, Reply, Tick {}

  /**
   * The start of an exchange: node {@code from}'s value, to be answered with a {@link Reply}.
   *
   * @param from the initiator, to whom the reply goes
   * @param value the initiator's value when it sent this
   */
  public record Push(int from, double value) implements Command, NetMessage {
    @Override
    public long sizeBytes() {
      return HEADER_BYTES + Double.BYTES;
    }
  }

  /**
   * The answer to a {@link Push}: the receiver's value before it took the average.
   *
   * @param value the receiver's value
   */
  public record Reply(double value) implements Command, NetMessage {
    @Override
    public long sizeBytes() {
      return HEADER_BYTES + Double.BYTES;
    }
  }

  /** The node's cycle timer. */
  private enum Tick implements Command {
    INSTANCE
  }

  /** When the nodes' cycles start. */
  public enum Timing {
    /** Each node at its own random offset within the first cycle, as PeerSim's CDScheduler with randstart. */
    RANDOM_PHASE,
    /** Every node at 0, so that all exchanges of a cycle start at the same instant. */
    ROUNDS
  }

  /**
   * How an averaging node behaves.
   *
   * @param group the group it averages with (its own)
   * @param cycleNanos the length of a cycle
   * @param cycles the exchanges each node starts
   * @param start what each node holds at the beginning
   * @param timing when the nodes' cycles start
   */
  public record Spec(GroupInfo group, long cycleNanos, int cycles, InitialValue start, Timing timing) {}

  private final NodeContext node;
  private final Spec spec;
  private final AveragingMetrics metrics;
  private final ActorRef<Command> self;
  private double value;
  // The value sent with the last push: the reply finds it changed if the exchange overlapped another.
  private double pushed;
  private int started;
  // Boundaries recorded so far (0 to cycles + 1), and the time of the next one.
  private int recorded;
  private long nextBoundary;

  private Averaging(ActorContext<Command> context, NodeContext node, Spec spec, AveragingMetrics metrics) {
    super(context);
    this.node = node;
    this.spec = spec;
    this.metrics = metrics;
    this.self = context.getSelf();
    this.value = spec.start().of(node.id() - spec.group().first(), spec.group().count(), node.random());
  }

  /** An averaging node; {@code metrics} is shared by its group. */
  public static Behavior<Command> create(NodeContext node, Spec spec, AveragingMetrics metrics) {
    return Behaviors.setup(
        context -> {
          Averaging averaging = new Averaging(context, node, spec, metrics);
          long first = spec.timing() == Timing.RANDOM_PHASE ? node.random().nextLong(spec.cycleNanos()) : 0;
          node.after(first, averaging.self, Tick.INSTANCE);
          return averaging;
        });
  }

  @Override
  public Behavior<Command> onMessage(Command message) {
    if (message instanceof Push push) {
      return onPush(push);
    }
    if (message instanceof Reply reply) {
      return onReply(reply);
    }
    return onTick(); // the only other Command
  }

  private Behavior<Command> onTick() {
    record(node.now());
    if (started < spec.cycles()) {
      started++;
      pushed = value;
      node.send(peer(), new Push(node.id(), value));
      // The next exchange, or after the last one, the tick that records the final boundary.
      node.after(spec.cycleNanos(), self, Tick.INSTANCE);
    }
    return Behaviors.same();
  }

  private Behavior<Command> onPush(Push push) {
    record(node.now());
    node.send(push.from(), new Reply(value));
    value = (value + push.value()) / 2;
    return Behaviors.same();
  }

  private Behavior<Command> onReply(Reply reply) {
    record(node.now());
    metrics.exchanged(value != pushed);
    value = (value + reply.value()) / 2;
    return Behaviors.same();
  }

  /** Records the current value for every boundary at or before {@code now} not yet recorded. */
  private void record(long now) {
    if (now < nextBoundary) {
      return;
    }
    int upTo = (int) Math.min(spec.cycles(), now / spec.cycleNanos()) + 1;
    metrics.held(recorded, upTo, value);
    recorded = upTo;
    nextBoundary = recorded > spec.cycles() ? Long.MAX_VALUE : recorded * spec.cycleNanos();
  }

  /** A uniformly random other node of the group. */
  private int peer() {
    GroupInfo group = spec.group();
    int other = node.random().nextInt(group.count() - 1);
    return group.id(other >= node.id() - group.first() ? other + 1 : other);
  }
}
