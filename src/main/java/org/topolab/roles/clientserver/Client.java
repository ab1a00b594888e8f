package org.topolab.roles.clientserver;

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
 */
public final class Client extends AbstractBehavior<Client.Command> {

  /** What a client receives. */
  public sealed interface Command permits Response, Send, CheckTimeouts {}

  /** Time to send the next request. */
  private enum Send implements Command {
    INSTANCE
  }

  /** The oldest outstanding request may have waited long enough. */
  private enum CheckTimeouts implements Command {
    INSTANCE
  }

  /**
   * How a client behaves.
   *
   * @param target the group requests go to; a member is picked at random per request
   * @param interval gap between requests (open loop), or null
   * @param thinkTime pause after each answer (closed loop), or null
   * @param requestBytes request size
   * @param responseBytes response size asked for; 0 leaves it to the server
   * @param timeoutNanos how long to wait for an answer
   * @param keys requests ask for keys 0 .. keys-1, uniformly
   * @param randomPhase whether the first request comes at a random point of the first interval
   */
  public record Spec(
      GroupInfo target,
      Distribution interval,
      Distribution thinkTime,
      long requestBytes,
      long responseBytes,
      long timeoutNanos,
      long keys,
      boolean randomPhase) {}

  private final NodeContext node;
  private final Spec spec;
  private final ClientMetrics metrics;
  // Outstanding requests, id -> time sent, oldest first: since every request waits the same
  // timeout, the oldest is the next to expire, and one timer for it is enough (one pending timer
  // per client rather than one per request). Created on first use.
  private LinkedHashMap<Long, Long> outstanding;
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
    long key = node.random().nextLong(spec.keys());
    if (outstanding == null) {
      outstanding = new LinkedHashMap<>(4);
    }
    outstanding.put(id, now);
    metrics.sent(now);
    node.send(to, new Request(node.id(), id, key, spec.requestBytes(), spec.responseBytes()));
    if (!timerSet) {
      setTimer(now, now);
    }
    if (spec.interval() != null) {
      node.after(spec.interval().sampleLong(node.random()), getContext().getSelf(), Send.INSTANCE);
    }
    return this;
  }

  private Behavior<Command> onResponse(Response response) {
    Long sentAt = outstanding == null ? null : outstanding.remove(response.id());
    if (sentAt != null) {
      metrics.answered(sentAt, node.now(), response.outcome());
      thinkThenSend();
    }
    return this;
  }

  private Behavior<Command> onCheckTimeouts() {
    timerSet = false;
    long now = node.now();
    Iterator<Map.Entry<Long, Long>> oldestFirst = outstanding.entrySet().iterator();
    while (oldestFirst.hasNext()) {
      long sentAt = oldestFirst.next().getValue();
      if (sentAt + spec.timeoutNanos() > now) {
        setTimer(sentAt, now);
        break;
      }
      oldestFirst.remove();
      metrics.timedOut(sentAt);
      thinkThenSend();
    }
    return this;
  }

  /** Sets the timer for when the request sent at {@code sentAt} expires. */
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
