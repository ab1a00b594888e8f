package org.topolab.roles.clientserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.apache.pekko.actor.typed.Behavior;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;
import org.topolab.role.GroupModel;
import org.topolab.role.GroupSettings;
import org.topolab.role.Role;
import org.topolab.settings.Settings;

/**
 * The {@code load-balancer} role: keys {@code backends} (a server group), {@code strategy}
 * ({@code round-robin}, {@code random}, {@code least-outstanding}, {@code consistent-hash}),
 * {@code ring-points} and {@code timeout}.
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
    if (backends != null && backends.name().equals(group.group().name())) {
      in.problem("backends", "a load balancer cannot forward to its own group");
      backends = null;
    }
    int count = backends == null ? 1 : backends.count();
    ConsistentHashRing ring = strategy == LoadBalancer.Strategy.CONSISTENT_HASH ? new ConsistentHashRing(count, ringPoints) : null;
    LoadBalancer.Spec spec = new LoadBalancer.Spec(backends, strategy, ring, timeout);
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
}
