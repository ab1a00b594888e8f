package org.topolab.roles.clientserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.apache.pekko.actor.typed.Behavior;
import org.topolab.metrics.Json;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;
import org.topolab.role.GroupModel;
import org.topolab.role.GroupSettings;
import org.topolab.role.Role;
import org.topolab.settings.Settings;

/**
 * The {@code load-balancer} role: keys {@code backends} (a server group), {@code strategy}
 * ({@code round-robin}, {@code random}, {@code least-outstanding}, {@code consistent-hash}),
 * {@code ring-points}, {@code timeout}, {@code retries}, {@code try-timeout} and {@code
 * health-check { interval, timeout, unhealthy-after, healthy-after }}.
 */
public final class LoadBalancerRole implements Role {

  private static final List<String> STRATEGIES =
      List.of("round-robin", "random", "least-outstanding", "consistent-hash");

  @Override
  public String name() {
    return "load-balancer";
  }

  @Override
  public GroupModel<?> configure(GroupSettings group) {
    Settings in = group.settings();
    GroupInfo backends = in.group("backends", List.of("server", "load-balancer"));
    String strategyName = in.choice("strategy", "round-robin", STRATEGIES);
    LoadBalancer.Strategy strategy =
        LoadBalancer.Strategy.valueOf(strategyName.toUpperCase(Locale.ROOT).replace('-', '_'));
    int ringPoints = in.integer("ring-points", 100, 1, 10_000);
    long timeout = in.duration("timeout", 10_000_000_000L, 1);
    LoadBalancer.Failover failover = failover(in, timeout);
    LoadBalancer.HealthChecks healthChecks = healthChecks(in);
    if (backends != null && backends.name().equals(group.group().name())) {
      in.problem("backends", "a load balancer cannot forward to its own group");
      backends = null;
    }
    int count = backends == null ? 1 : backends.count();
    ConsistentHashRing ring = strategy == LoadBalancer.Strategy.CONSISTENT_HASH ? new ConsistentHashRing(count, ringPoints) : null;
    LoadBalancer.Spec spec = new LoadBalancer.Spec(backends, strategy, ring, timeout, failover, healthChecks);
    return new GroupModel<LoadBalancerMetrics>() {
      @Override
      public LoadBalancerMetrics newMetrics() {
        return new LoadBalancerMetrics(group.window(), count);
      }

      @Override
      public Behavior<?> createNode(NodeContext node, LoadBalancerMetrics metrics) {
        return LoadBalancer.create(node, spec, metrics);
      }

      @Override
      public long drainNanos() {
        return timeout;
      }

      @Override
      public void report(ObjectNode out, LoadBalancerMetrics metrics) {
        out.put("backends", spec.backends().name());
        out.put("strategy", strategyName);
        metrics.write(out);
      }
    };
  }

  /**
   * Reads {@code retries} (other backends tried after the first, 1 by default) and {@code
   * try-timeout} (the time each backend has, the whole {@code timeout} by default: then only a
   * backend marked down sends its requests elsewhere).
   */
  private static LoadBalancer.Failover failover(Settings in, long timeout) {
    int retries = in.integer("retries", 1, 0, 100);
    long tryTimeout = in.duration("try-timeout", timeout, 1);
    if (tryTimeout > timeout) {
      in.problem("try-timeout", "must be at most timeout (" + Json.seconds(timeout) + " s), which bounds all tries together");
    }
    return new LoadBalancer.Failover(retries, Math.min(tryTimeout, timeout));
  }

  /**
   * Reads {@code health-check { interval, timeout, unhealthy-after, healthy-after }}, null if it is
   * not given: HAProxy's defaults (a check every 2 s, down after 3 failures in a row, up after 2
   * passes), with a 1 s timeout.
   */
  private static LoadBalancer.HealthChecks healthChecks(Settings in) {
    if (!in.has("health-check")) {
      return null;
    }
    Settings check = in.object("health-check");
    long interval = check.duration("interval", 2_000_000_000L, 1_000_000);
    long timeout = check.duration("timeout", Math.min(1_000_000_000L, interval), 1);
    if (timeout > interval) {
      check.problem("timeout", "must be at most interval (" + Json.seconds(interval) + " s): a check is answered or failed before the next");
    }
    LoadBalancer.HealthChecks read =
        new LoadBalancer.HealthChecks(
            interval,
            Math.min(timeout, interval),
            check.integer("unhealthy-after", 3, 1, 1000),
            check.integer("healthy-after", 2, 1, 1000));
    check.finish();
    return read;
  }
}
