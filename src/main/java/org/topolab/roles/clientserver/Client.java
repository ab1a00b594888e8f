package org.topolab.roles.clientserver;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.topolab.distribution.Distribution;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;

/**
 * A client that sends requests to a target group (a server, or a load balancer in front of
 * servers) and measures how they fare. Open loop: requests come by an arrival process whatever
 * happens to earlier ones. Closed loop: each request waits for the previous answer, plus a think
 * time. Requests stop at the end of the workload; those in flight may still finish.
 *
 * <p>A request that times out, or is answered FAILED, is sent again after a back-off if its
 * {@link Retry} allows more attempts, to another member of the target group if it has several; an
 * answer to any attempt answers it. Its latency counts from the first attempt, and only its final
 * outcome counts. A REJECTED answer is final: the server said it is overloaded; so are
 * UNAUTHORISED and RATE_LIMITED.
 *
 * <p>Each request carries the group's {@link Credentials}, if it has any, or what its {@link
 * Attack} presents instead.
 */
public final class Client extends AbstractBehavior<Client.Command> {

  /** What a client receives. */
  public sealed interface Command permits Response, Send, CheckTimeouts, Resend {}

  /** Time to send the next request. */
  private enum Send implements Command {
    INSTANCE
  }

  /** The oldest outstanding request may have waited long enough. */
  private enum CheckTimeouts implements Command {
    INSTANCE
  }

  /** The back-off of request {@code id} is over. */
  private record Resend(long id) implements Command {}

  /**
   * How often and when a request is sent again.
   *
   * @param attempts sends of one request at most, the first included; 1: never again
   * @param backoffNanos the wait before the first resend; it doubles for each further one
   * @param jitter the fraction of each wait drawn at random (0: none; 1: anywhere from 0 to it)
   */
  public record Retry(int attempts, long backoffNanos, double jitter) {

    /** Never sent again. */
    public static final Retry NONE = new Retry(1, 0, 0);

    /** The longest a request can take from its first attempt to its final timeout. */
    public long longestNanos(long timeoutNanos) {
      long waits = backoffNanos * ((1L << Math.min(62, attempts - 1)) - 1);
      return attempts * timeoutNanos + waits;
    }
  }

  /**
   * How a client behaves.
   *
   * @param target the group requests go to; a member is picked at random per request
   * @param interval gap between requests (open loop), or null
   * @param thinkTime pause after each answer (closed loop), or null
   * @param requestBytes request size
   * @param responseBytes response size asked for; 0 leaves it to the server
   * @param timeoutNanos how long to wait for an answer to each attempt
   * @param retry whether and when a request is sent again
   * @param keys requests ask for keys 0 .. keys-1, uniformly
   * @param randomPhase whether the first request comes at a random point of the first interval
   * @param credentials what its requests present; null: none
   * @param attack how it attacks the target, if it does
   */
  public record Spec(
      GroupInfo target,
      Distribution interval,
      Distribution thinkTime,
      long requestBytes,
      long responseBytes,
      long timeoutNanos,
      Retry retry,
      long keys,
      boolean randomPhase,
      Credentials credentials,
      Attack attack) {}

  /** A request not yet finally answered: its key, when it was first sent, its attempts so far and the last's target. */
  private static final class Pending {
    final long key;
    final long firstSentAt;
    long sentAt;
    int attempts;
    int target;

    Pending(long key, long firstSentAt) {
      this.key = key;
      this.firstSentAt = firstSentAt;
    }
  }

  private final NodeContext node;
  private final Spec spec;
  private final ClientMetrics metrics;
  // Attempts in flight, id -> request, oldest attempt first: since every attempt waits the same
  // timeout, the oldest is the next to expire, and one timer for it is enough (one pending timer
  // per client rather than one per request). Created on first use.
  private LinkedHashMap<Long, Pending> outstanding;
  // Requests waiting out their back-off; a late answer to an earlier attempt still counts.
  private HashMap<Long, Pending> backingOff;
  private boolean timerSet;
  private long nextId;

  private Client(ActorContext<Command> context, NodeContext node, Spec spec, ClientMetrics metrics) {
    super(context);
    this.node = node;
    this.spec = spec;
    this.metrics = metrics;
  }

  /** A client node; {@code metrics} is shared by its group. */
  public static Behavior<Command> create(NodeContext node, Spec spec, ClientMetrics metrics) {
    return Behaviors.setup(
        context -> {
          Client client = new Client(context, node, spec, metrics);
          client.scheduleFirst();
          return client;
        });
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Send.class, send -> onSend())
        .onMessage(Response.class, this::onResponse)
        .onMessage(CheckTimeouts.class, check -> onCheckTimeouts())
        .onMessage(Resend.class, this::onResend)
        .build();
  }

  private void scheduleFirst() {
    Distribution gap = spec.interval() != null ? spec.interval() : spec.thinkTime();
    long delay = gap.sampleLong(node.random());
    if (spec.randomPhase()) {
      delay = (long) (delay * node.random().nextDouble());
    }
    node.after(delay, getContext().getSelf(), Send.INSTANCE);
  }

  private Behavior<Command> onSend() {
    long now = node.now();
    if (now >= node.window().endNanos()) {
      return this;
    }
    GroupInfo target = spec.target();
    int to = target.count() == 1 ? target.first() : target.id(node.random().nextInt(target.count()));
    long id = nextId++;
    Pending request = new Pending(node.random().nextLong(spec.keys()), now);
    if (outstanding == null) {
      outstanding = new LinkedHashMap<>(4);
      backingOff = new HashMap<>(4);
    }
    metrics.sent(now);
    attempt(id, request, to);
    if (spec.interval() != null) {
      node.after(spec.interval().sampleLong(node.random()), getContext().getSelf(), Send.INSTANCE);
    }
    return this;
  }

  /** Sends attempt number {@code request.attempts + 1} of request {@code id} to node {@code to}. */
  private void attempt(long id, Pending request, int to) {
    long now = node.now();
    request.attempts++;
    request.sentAt = now;
    request.target = to;
    outstanding.put(id, request);
    Credentials credentials = spec.attack().present(spec.credentials(), node.random());
    node.send(to, new Request(node.id(), id, request.key, spec.requestBytes(), spec.responseBytes(), node.id(), credentials));
    if (!timerSet) {
      setTimer(now, now);
    }
  }

  private Behavior<Command> onResponse(Response response) {
    if (outstanding == null) {
      return this;
    }
    Pending request = outstanding.remove(response.id());
    if (request == null) {
      request = backingOff.remove(response.id());
    }
    if (request == null) {
      return this; // an answer to a request answered already, or given up on
    }
    if (response.outcome() == Response.Outcome.FAILED && backOff(response.id(), request)) {
      return this;
    }
    metrics.answered(request.firstSentAt, node.now(), response.outcome());
    thinkThenSend();
    return this;
  }

  private Behavior<Command> onCheckTimeouts() {
    timerSet = false;
    long now = node.now();
    Iterator<Map.Entry<Long, Pending>> oldestFirst = outstanding.entrySet().iterator();
    while (oldestFirst.hasNext()) {
      Map.Entry<Long, Pending> entry = oldestFirst.next();
      Pending request = entry.getValue();
      if (request.sentAt + spec.timeoutNanos() > now) {
        setTimer(request.sentAt, now);
        break;
      }
      oldestFirst.remove();
      if (!backOff(entry.getKey(), request)) {
        metrics.timedOut(request.firstSentAt);
        thinkThenSend();
      }
    }
    return this;
  }

  /**
   * Waits before sending request {@code id} again, if it has attempts left: the back-off doubles
   * with each attempt, and the jitter takes a random part off it. Whether it will be sent again.
   */
  private boolean backOff(long id, Pending request) {
    if (request.attempts >= spec.retry().attempts()) {
      return false;
    }
    long wait = spec.retry().backoffNanos() << Math.min(62, request.attempts - 1);
    wait -= (long) (wait * spec.retry().jitter() * node.random().nextDouble());
    backingOff.put(id, request);
    node.after(wait, getContext().getSelf(), new Resend(id));
    return true;
  }

  private Behavior<Command> onResend(Resend resend) {
    Pending request = backingOff.remove(resend.id());
    if (request == null) {
      return this; // answered during its back-off
    }
    metrics.retried(request.firstSentAt);
    GroupInfo target = spec.target();
    int to = request.target;
    if (target.count() > 1) {
      // Another member: the one that failed to answer may be down or overloaded.
      int other = node.random().nextInt(target.count() - 1);
      to = target.id(other >= request.target - target.first() ? other + 1 : other);
    }
    attempt(resend.id(), request, to);
    return this;
  }

  /** Sets the timer for when the attempt sent at {@code sentAt} expires. */
  private void setTimer(long sentAt, long now) {
    timerSet = true;
    node.after(sentAt + spec.timeoutNanos() - now, getContext().getSelf(), CheckTimeouts.INSTANCE);
  }

  private void thinkThenSend() {
    if (spec.thinkTime() != null) {
      node.after(spec.thinkTime().sampleLong(node.random()), getContext().getSelf(), Send.INSTANCE);
    }
  }
}
