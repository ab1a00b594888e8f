package com.example.ping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.topolab.distribution.Distribution;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;
import org.topolab.role.GroupModel;
import org.topolab.role.GroupSettings;
import org.topolab.role.Role;
import org.topolab.role.SummaryRow;
import org.topolab.settings.Settings;

/**
 * The example {@code ping} role of docs/custom-roles.md: keys {@code target} (a ping group),
 * {@code interval}, {@code size} and {@code timeout}.
 */
public final class PingRole implements Role {

  @Override
  public String name() {
    return "ping";
  }

  @Override
  public GroupModel<?> configure(GroupSettings group) {
    Settings in = group.settings();
    GroupInfo target = in.group("target", List.of(name()));
    if (target != null && target.name().equals(group.group().name()) && target.count() < 2) {
      in.problem("target", "a group that pings itself needs at least 2 nodes");
    }
    PingNode.Spec spec =
        new PingNode.Spec(
            target,
            in.distribution("interval", Settings.Quantity.DURATION, new Distribution.Constant(1e9)),
            in.size("size", 64L),
            in.duration("timeout", 2_000_000_000L, 1));
    String name = group.group().name();
    return new GroupModel<PingMetrics>() {
      @Override
      public PingMetrics newMetrics() {
        return new PingMetrics(group.window());
      }

      @Override
      public Behavior<?> createNode(NodeContext node, PingMetrics metrics) {
        return PingNode.create(node, spec, metrics);
      }

      @Override
      public long drainNanos() {
        return spec.timeoutNanos(); // long enough for every ping of the window to be answered or lost
      }

      @Override
      public void report(ObjectNode out, PingMetrics metrics) {
        out.put("target", spec.target().name());
        metrics.write(out);
      }

      @Override
      public void summarize(SummaryRow row, PingMetrics metrics) {
        row.put(name + " rtt ms", String.format("%.2f", metrics.roundTrips().meanNanos() / 1e6));
      }
    };
  }
}
