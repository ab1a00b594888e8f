package org.topolab.roles.clientserver;

import java.util.LinkedHashMap;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;

/**
 * A load balancer: a node with its own link that forwards each request to one server of a backend
 * group and relays the answer back (a reverse proxy: both directions cross its link).
 *
 * <p>With health checks on, it pings every backend each interval and sends nothing to a backend
 * that its checks mark down (see {@link BackendHealth}); with every backend down it answers FAILED
 * at once. It fails over: a request whose backend has not answered within the try timeout, or whose
 * backend is marked down while it waits, is sent to another backend that is up, as long as the
 * request has retries left and its whole timeout has not run out. The first answer from any of its
 * backends answers it.
 */
public final class LoadBalancer extends AbstractBehavior<LoadBalancer.Command> {

  /** What a load balancer receives. */
  public sealed interface Command permits Request, Response, Ping, Pong, Expired, CheckRound, ChecksDue {}

  /** Attempt {@code attempt} of forwarded request {@code id} has had its time. */
  private record Expired(long id, int attempt) implements Command {}

  /** Time to check every backend, in check round {@code round}. */
  private record CheckRound(long round) implements Command {}

  /** The checks of round {@code round} have had their time. */
  private record ChecksDue(long round) implements Command {}

  /** How requests are spread over the backends. */
  public enum Strategy {
    /** Each backend in turn. */
    ROUND_ROBIN,
    /** A backend at random. */
    RANDOM,
    /** The backend with the fewest requests in flight from this balancer. */
    LEAST_OUTSTANDING,
    /** The backend that owns the request's key on a hash ring. */
    CONSISTENT_HASH
  }

  /**
   * How a load balancer checks its backends.
   *
   * @param intervalNanos time between two checks of a backend
   * @param timeoutNanos how long a check waits for its answer; at most the interval
   * @param unhealthyAfter failed checks in a row that mark a backend down
   * @param healthyAfter passed checks in a row that mark a down backend up again
   */
  public record HealthChecks(long intervalNanos, long timeoutNanos, int unhealthyAfter, int healthyAfter) {}

  /**
   * When a request goes to another backend.
   *
   * @param retries other backends a request may be sent to after its first
   * @param tryTimeoutNanos how long one backend has to answer before the next is tried
   */
  public record Failover(int retries, long tryTimeoutNanos) {}

  /**
   * How a load balancer behaves.
   *
   * @param backends the group it forwards to
   * @param strategy how it picks a backend
   * @param ring the hash ring, for {@link Strategy#CONSISTENT_HASH}
   * @param timeoutNanos how long it waits for the backends, over all attempts, before answering FAILED
   * @param failover when a request is sent to another backend
   * @param healthChecks how the backends are checked; null: never, every backend counts as up
   */
  public record Spec(
      GroupInfo backends,
      Strategy strategy,
      ConsistentHashRing ring,
      long timeoutNanos,
      Failover failover,
      HealthChecks healthChecks) {}

  /** A request forwarded and not yet answered: to whom it goes back, and the backend that has it now. */
  private static final class Pending {
    final int client;
    final long clientRequest;
    final Request forwarded;
    final long deadline;
    int backend;
    int attempts;

    Pending(int client, long clientRequest, Request forwarded, long deadline) {
      this.client = client;
      this.clientRequest = clientRequest;
      this.forwarded = forwarded;
      this.deadline = deadline;
    }
  }

  private final NodeContext node;
  private final Spec spec;
  private final LoadBalancerMetrics metrics;
  // In the order they came, so that a backend going down fails its requests over in that order.
  private final LinkedHashMap<Long, Pending> pending = new LinkedHashMap<>();
  private final int[] outstanding;
  private final BackendHealth health;
  private final BackendPicker picker;
  private long nextId;

  private LoadBalancer(ActorContext<Command> context, NodeContext node, Spec spec, LoadBalancerMetrics metrics) {
    super(context);
    this.node = node;
    this.spec = spec;
    this.metrics = metrics;
    this.outstanding = new int[spec.backends().count()];
    this.health = spec.healthChecks() == null ? null : new BackendHealth(spec.healthChecks(), outstanding.length);
    this.picker = new BackendPicker(spec.strategy(), spec.ring(), node.random());
  }

  /** A load balancer node; {@code metrics} is shared by its group. */
  public static Behavior<Command> create(NodeContext node, Spec spec, LoadBalancerMetrics metrics) {
    return Behaviors.setup(
        context -> {
          if (spec.healthChecks() != null) {
            // A random first round, so that balancers do not all check at the same instants.
            long phase = (long) (spec.healthChecks().intervalNanos() * node.random().nextDouble());
            node.after(phase, context.getSelf(), new CheckRound(0));
          }
          return new LoadBalancer(context, node, spec, metrics);
        });
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Request.class, this::onRequest)
        .onMessage(Response.class, this::onResponse)
        .onMessage(Expired.class, this::onExpired)
        .onMessage(Ping.class, ping -> {
          node.send(ping.from(), ping.pong(node.id())); // a balancer in front of this one checks it
          return this;
        })
        .onMessage(Pong.class, this::onPong)
        .onMessage(CheckRound.class, this::onCheckRound)
        .onMessage(ChecksDue.class, this::onChecksDue)
        .build();
  }

  private Behavior<Command> onRequest(Request request) {
    long now = node.now();
    int backend = choose(request.key(), -1);
    if (backend < 0) {
      metrics.count(LoadBalancerMetrics.Event.NO_BACKEND, now);
      answerFailed(request.from(), request.id());
      return this;
    }
    long id = nextId++;
    Request forwarded = request.forwarded(node.id(), id);
    Pending waiting = new Pending(request.from(), request.id(), forwarded, now + spec.timeoutNanos());
    pending.put(id, waiting);
    forward(waiting, backend);
    return this;
  }

  /** Sends {@code request} to {@code backend}, and sets the timer of this attempt. */
  private void forward(Pending request, int backend) {
    long now = node.now();
    request.backend = backend;
    request.attempts++;
    outstanding[backend]++;
    metrics.forwarded(now, backend);
    node.send(spec.backends().id(backend), request.forwarded);
    long wait = Math.min(spec.failover().tryTimeoutNanos(), request.deadline - now);
    node.after(wait, getContext().getSelf(), new Expired(request.forwarded.id(), request.attempts));
  }

  private Behavior<Command> onResponse(Response response) {
    Pending request = pending.remove(response.id());
    if (request != null) {
      outstanding[request.backend]--;
      node.send(request.client, new Response(node.id(), request.clientRequest, response.outcome(), response.bytes()));
    }
    return this;
  }

  private Behavior<Command> onExpired(Expired expired) {
    Pending request = pending.get(expired.id());
    if (request == null || request.attempts != expired.attempt()) {
      return this; // answered, or sent elsewhere since
    }
    if (!failOver(request)) {
      pending.remove(expired.id());
      outstanding[request.backend]--;
      metrics.count(LoadBalancerMetrics.Event.FAILED, node.now());
      answerFailed(request.client, request.clientRequest);
    }
    return this;
  }

  /**
   * Sends {@code request} to another backend that is up, if it has retries and time left and
   * there is one; whether it did.
   */
  private boolean failOver(Pending request) {
    long now = node.now();
    if (request.attempts > spec.failover().retries() || now >= request.deadline) {
      return false;
    }
    int other = choose(request.forwarded.key(), request.backend);
    if (other < 0) {
      return false;
    }
    outstanding[request.backend]--;
    metrics.count(LoadBalancerMetrics.Event.FAILOVER, now);
    forward(request, other);
    return true;
  }

  private void answerFailed(int client, long clientRequest) {
    node.send(client, new Response(node.id(), clientRequest, Response.Outcome.FAILED, Response.HEADER_BYTES));
  }

  private Behavior<Command> onCheckRound(CheckRound round) {
    long now = node.now();
    if (now >= node.window().endNanos()) {
      return this; // no more requests come: the checks stop, so that the run can end
    }
    for (int backend = 0; backend < outstanding.length; backend++) {
      changed(backend, health.checking(backend, round.round()));
      metrics.count(LoadBalancerMetrics.Event.HEALTH_CHECK, now);
      node.send(spec.backends().id(backend), new Ping(node.id(), round.round()));
    }
    node.after(spec.healthChecks().timeoutNanos(), getContext().getSelf(), new ChecksDue(round.round()));
    node.after(spec.healthChecks().intervalNanos(), getContext().getSelf(), new CheckRound(round.round() + 1));
    return this;
  }

  private Behavior<Command> onPong(Pong pong) {
    if (health != null && spec.backends().contains(pong.from())) {
      int backend = pong.from() - spec.backends().first();
      changed(backend, health.answered(backend, pong.round()));
    }
    return this;
  }

  private Behavior<Command> onChecksDue(ChecksDue due) {
    for (int backend = 0; backend < outstanding.length; backend++) {
      changed(backend, health.expired(backend, due.round()));
    }
    return this;
  }

  /** Counts what a check did to {@code backend}; the requests waiting at a backend gone down fail over. */
  private void changed(int backend, BackendHealth.Change change) {
    long now = node.now();
    if (change == BackendHealth.Change.UP) {
      metrics.count(LoadBalancerMetrics.Event.BACKEND_UP, now);
    } else if (change == BackendHealth.Change.DOWN) {
      metrics.count(LoadBalancerMetrics.Event.BACKEND_DOWN, now);
      for (Pending request : pending.values()) {
        if (request.backend == backend) {
          failOver(request); // one that cannot waits on: the backend may answer after all
        }
      }
    }
  }

  /** The backend for a request for {@code key}, other than {@code excluded} and up; -1 if there is none. */
  private int choose(long key, int excluded) {
    return picker.pick(key, outstanding, backend -> backend != excluded && (health == null || health.up(backend)));
  }
}
