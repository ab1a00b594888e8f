package org.topolab.roles.clientserver;

import java.util.HashMap;
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
 */
public final class LoadBalancer extends AbstractBehavior<LoadBalancer.Command> {

  /** What a load balancer receives. */
  public sealed interface Command permits Request, Response, Expired {}

  /** A forwarded request has had no answer within the timeout. */
  private record Expired(long id) implements Command {}

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
   * How a load balancer behaves.
   *
   * @param backends the group it forwards to
   * @param strategy how it picks a backend
   * @param ring the hash ring, for {@link Strategy#CONSISTENT_HASH}
   * @param timeoutNanos how long it waits for a backend before answering FAILED
   */
  public record Spec(GroupInfo backends, Strategy strategy, ConsistentHashRing ring, long timeoutNanos) {}

  /** A request forwarded and not yet answered. */
  private record Pending(int client, long clientRequest, int backend) {}

  private final NodeContext node;
  private final Spec spec;
  private final LoadBalancerMetrics metrics;
  private final HashMap<Long, Pending> pending = new HashMap<>();
  private final int[] outstanding;
  private int next;
  private long nextId;

  private LoadBalancer(ActorContext<Command> context, NodeContext node, Spec spec, LoadBalancerMetrics metrics) {
    super(context);
    this.node = node;
    this.spec = spec;
    this.metrics = metrics;
    this.outstanding = new int[spec.backends().count()];
  }

  /** A load balancer node; {@code metrics} is shared by its group. */
  public static Behavior<Command> create(NodeContext node, Spec spec, LoadBalancerMetrics metrics) {
    return Behaviors.setup(context -> new LoadBalancer(context, node, spec, metrics));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Request.class, this::onRequest)
        .onMessage(Response.class, this::onResponse)
        .onMessage(Expired.class, this::onExpired)
        .build();
  }

  private Behavior<Command> onRequest(Request request) {
    int backend = choose(request.key());
    long id = nextId++;
    pending.put(id, new Pending(request.from(), request.id(), backend));
    outstanding[backend]++;
    metrics.forwarded(node.now(), backend);
    node.send(spec.backends().id(backend), request.forwarded(node.id(), id));
    node.after(spec.timeoutNanos(), getContext().getSelf(), new Expired(id));
    return this;
  }

  private Behavior<Command> onResponse(Response response) {
    Pending request = pending.remove(response.id());
    if (request != null) {
      outstanding[request.backend()]--;
      node.send(request.client(), new Response(node.id(), request.clientRequest(), response.outcome(), response.bytes()));
    }
    return this;
  }

  private Behavior<Command> onExpired(Expired expired) {
    Pending request = pending.remove(expired.id());
    if (request != null) {
      outstanding[request.backend()]--;
      metrics.failed(node.now());
      node.send(
          request.client(),
          new Response(node.id(), request.clientRequest(), Response.Outcome.FAILED, Response.HEADER_BYTES));
    }
    return this;
  }

  private int choose(long key) {
    int backends = outstanding.length;
    switch (spec.strategy()) {
      case ROUND_ROBIN: {
        int chosen = next;
        next = (next + 1) % backends;
        return chosen;
      }
      case RANDOM:
        return node.random().nextInt(backends);
      case CONSISTENT_HASH:
        return spec.ring().backendFor(key);
      case LEAST_OUTSTANDING:
      default:
        // Scan from a rotating start so that ties do not all land on the first backend.
        next = (next + 1) % backends;
        int best = next;
        for (int i = 1; i < backends; i++) {
          int candidate = (next + i) % backends;
          if (outstanding[candidate] < outstanding[best]) {
            best = candidate;
          }
        }
        return best;
    }
  }
}
