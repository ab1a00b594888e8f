package org.topolab.roles.clientserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.actor.typed.Behavior;
import org.topolab.node.NodeContext;
import org.topolab.role.GroupModel;
import org.topolab.role.GroupSettings;
import org.topolab.role.Role;
import org.topolab.role.SummaryRow;
import org.topolab.settings.Settings;

/**
 * The {@code server} role: keys {@code workers}, {@code service-time}, {@code queue-limit}, {@code
 * response-size}, and for security {@code users}, {@code acl}, {@code access-control} and {@code
 * rate-limit} (docs/security.md).
 */
public final class ServerRole implements Role {

  @Override
  public String name() {
    return "server";
  }

  @Override
  public GroupModel<?> configure(GroupSettings group) {
    Settings in = group.settings();
    Server.Spec spec =
        new Server.Spec(
            in.integer("workers", 1, 1, 1_000_000),
            in.distribution("service-time", Settings.Quantity.DURATION, null),
            in.integer("queue-limit", 1000, 0, Integer.MAX_VALUE),
            in.size("response-size", 1024L),
            AccessControl.read(in),
            RateLimiter.Limit.read(in));
    boolean guarded = spec.access() != null || spec.rateLimit() != null;
    String name = group.group().name();
    return new GroupModel<ServerMetrics>() {
      @Override
      public ServerMetrics newMetrics() {
        return new ServerMetrics(group.window(), group.group().count(), spec.workers());
      }

      @Override
      public Behavior<?> createNode(NodeContext node, ServerMetrics metrics) {
        return Server.create(node, spec, metrics);
      }

      @Override
      public void report(ObjectNode out, ServerMetrics metrics) {
        out.put("workers", spec.workers());
        metrics.write(out);
        if (guarded) {
          metrics.writeSecurity(out, spec.access() != null && spec.access().enforced());
        }
      }

      @Override
      public void summarize(SummaryRow row, ServerMetrics metrics) {
        row.put(name + " util", String.format("%.2f", metrics.utilisation()));
        if (guarded) {
          metrics.summarizeSecurity(name, row);
        }
      }
    };
  }
}
