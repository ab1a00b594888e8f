package org.topolab.roles.clientserver;

import java.util.ArrayDeque;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.topolab.distribution.Distribution;
import org.topolab.node.NodeContext;

/**
 * A server: a pool of workers, each serving one request at a time for a service time drawn from a
 * distribution, in front of a first-come-first-served queue that rejects what does not fit.
 */
public final class Server extends AbstractBehavior<Server.Command> {

  /** What a server receives. */
  public sealed interface Command permits Request, Ping, Done {}

  /** A worker finished {@code request}. */
  private record Done(Request request) implements Command {}

  /**
   * How a server behaves.
   *
   * @param workers requests served at once
   * @param serviceTime nanoseconds of work per request
   * @param queueLimit requests that may wait; more are rejected
   * @param responseBytes response size when the request leaves it to the server
   */
  public record Spec(int workers, Distribution serviceTime, int queueLimit, long responseBytes) {}

  private final NodeContext node;
  private final Spec spec;
  private final ServerMetrics metrics;
  private final ArrayDeque<Request> queue = new ArrayDeque<>();
  private int busy;

  private Server(ActorContext<Command> context, NodeContext node, Spec spec, ServerMetrics metrics) {
    super(context);
    this.node = node;
    this.spec = spec;
    this.metrics = metrics;
  }

  /** A server node; {@code metrics} is shared by its group. */
  public static Behavior<Command> create(NodeContext node, Spec spec, ServerMetrics metrics) {
    return Behaviors.setup(context -> new Server(context, node, spec, metrics));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Request.class, this::onRequest)
        .onMessage(Done.class, this::onDone)
        .onMessage(Ping.class, ping -> {
          node.send(ping.from(), ping.pong(node.id())); // a load balancer's health check: alive
          return this;
        })
        .build();
  }

  private Behavior<Command> onRequest(Request request) {
    long now = node.now();
    if (busy < spec.workers()) {
      start(request, now);
    } else if (queue.size() < spec.queueLimit()) {
      queue.add(request);
      metrics.queued(now, +1);
    } else {
      metrics.rejected(now);
      node.send(request.from(), new Response(node.id(), request.id(), Response.Outcome.REJECTED, Response.HEADER_BYTES));
    }
    return this;
  }

  private Behavior<Command> onDone(Done done) {
    long now = node.now();
    Request request = done.request();
    long bytes = request.responseBytes() > 0 ? request.responseBytes() : spec.responseBytes();
    node.send(request.from(), new Response(node.id(), request.id(), Response.Outcome.OK, bytes));
    metrics.served(now);
    busy--;
    metrics.busy(now, -1);
    Request next = queue.poll();
    if (next != null) {
      metrics.queued(now, -1);
      start(next, now);
    }
    return this;
  }

  private void start(Request request, long now) {
    busy++;
    metrics.busy(now, +1);
    node.after(spec.serviceTime().sampleLong(node.random()), getContext().getSelf(), new Done(request));
  }
}
