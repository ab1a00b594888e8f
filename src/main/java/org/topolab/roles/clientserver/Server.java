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
 *
 * <p>At its door, before the queue, it may limit each client's rate ({@link RateLimiter}: a
 * request over the limit is answered RATE_LIMITED) and check each request against its
 * access-control list ({@link AccessControl}: one not allowed is answered UNAUTHORISED, or with
 * the list not enforced, only counted and served). Both take no worker's time.
 */
public final class Server extends AbstractBehavior<Server.Command> {

  /** What a server receives. */
  public sealed interface Command permits Request, Done {}

  /** A worker finished {@code request}. */
  private record Done(Request request) implements Command {}

  /**
   * How a server behaves.
   *
   * @param workers requests served at once
   * @param serviceTime nanoseconds of work per request
   * @param queueLimit requests that may wait; more are rejected
   * @param responseBytes response size when the request leaves it to the server
   * @param access its access-control list; null: it serves anyone
   * @param rateLimit each client's rate limit; null: none
   */
  public record Spec(
      int workers, Distribution serviceTime, int queueLimit, long responseBytes, AccessControl access, RateLimiter.Limit rateLimit) {

    /** A server that serves anyone at any rate. */
    public Spec(int workers, Distribution serviceTime, int queueLimit, long responseBytes) {
      this(workers, serviceTime, queueLimit, responseBytes, null, null);
    }
  }

  private final NodeContext node;
  private final Spec spec;
  private final ServerMetrics metrics;
  private final ArrayDeque<Request> queue = new ArrayDeque<>();
  private final RateLimiter limiter;
  private int busy;

  private Server(ActorContext<Command> context, NodeContext node, Spec spec, ServerMetrics metrics) {
    super(context);
    this.node = node;
    this.spec = spec;
    this.metrics = metrics;
    this.limiter = spec.rateLimit() == null ? null : new RateLimiter(spec.rateLimit());
  }

  /** A server node; {@code metrics} is shared by its group. */
  public static Behavior<Command> create(NodeContext node, Spec spec, ServerMetrics metrics) {
    return Behaviors.setup(context -> new Server(context, node, spec, metrics));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder().onMessage(Request.class, this::onRequest).onMessage(Done.class, this::onDone).build();
  }

  private Behavior<Command> onRequest(Request request) {
    long now = node.now();
    AccessControl access = spec.access();
    boolean allowed = access == null || access.allows(request);
    if (!allowed) {
      metrics.unauthorised(now);
    }
    if (limiter != null && !limiter.admits(request.client(), now)) {
      metrics.rateLimited(now);
      refuse(request, Response.Outcome.RATE_LIMITED);
    } else if (!allowed && access.enforced()) {
      refuse(request, Response.Outcome.UNAUTHORISED);
    } else if (admit(request, now) && !allowed) {
      metrics.unauthorisedServed(now);
    }
    return this;
  }

  /**
   * Takes {@code request} into service or into the queue, whence it will be served; or rejects it
   * if the queue is full. Whether it was taken.
   */
  private boolean admit(Request request, long now) {
    if (busy < spec.workers()) {
      start(request, now);
    } else if (queue.size() < spec.queueLimit()) {
      queue.add(request);
      metrics.queued(now, +1);
    } else {
      metrics.rejected(now);
      refuse(request, Response.Outcome.REJECTED);
      return false;
    }
    return true;
  }

  /** Answers {@code request} with {@code outcome} and no content. */
  private void refuse(Request request, Response.Outcome outcome) {
    node.send(request.from(), new Response(node.id(), request.id(), outcome, Response.HEADER_BYTES));
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
