package org.topolab.roles.updates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.topolab.metrics.Json;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;
import org.topolab.role.GroupModel;
import org.topolab.role.GroupSettings;
import org.topolab.role.Role;
import org.topolab.role.SummaryRow;
import org.topolab.settings.Settings;

/** The {@code subscriber} role: keys {@code publisher} and {@code poll-interval}. See docs/updates.md. */
public final class SubscriberRole implements Role {

  private static final long MIN_POLL_INTERVAL_NANOS = 1_000_000;

  @Override
  public String name() {
    return "subscriber";
  }

  @Override
  public GroupModel<?> configure(GroupSettings group) {
    Settings in = group.settings();
    if (!in.has("publisher")) {
      in.problem("publisher", "is required: the group of role publisher whose versions these nodes follow");
    }
    GroupInfo publisher = in.group("publisher", List.of("publisher"));
    long pollInterval = in.has("poll-interval") ? in.duration("poll-interval", null, MIN_POLL_INTERVAL_NANOS) : 0;
    Subscriber.Spec spec = new Subscriber.Spec(publisher, pollInterval);
    GroupInfo self = group.group();
    return new GroupModel<UpdateMetrics>() {
      @Override
      public UpdateMetrics newMetrics() {
        return new UpdateMetrics(group.window(), self.count());
      }

      @Override
      public Behavior<?> createNode(NodeContext node, UpdateMetrics metrics) {
        return Subscriber.create(node, spec, metrics);
      }

      @Override
      public long drainNanos() {
        // Every subscriber polls once more after a version released just before the end.
        return pollInterval + PublisherRole.DRAIN_ALLOWANCE_NANOS;
      }

      @Override
      public void report(ObjectNode out, UpdateMetrics metrics) {
        out.put("publisher", publisher == null ? null : publisher.name());
        if (pollInterval > 0) {
          out.put("poll-interval-s", Json.seconds(pollInterval));
        } else {
          out.putNull("poll-interval-s");
        }
        ObjectNode updates = metrics.write(out);
        if (pollInterval > 0) {
          ObjectNode theory = updates.putObject("theory").putObject("coverage-s");
          for (int level : UpdateMetrics.LEVELS) {
            theory.put(Integer.toString(level), Json.seconds(pollCoverageNanos(level, self.count(), pollInterval)));
          }
        }
      }

      @Override
      public void summarize(SummaryRow row, UpdateMetrics metrics) {
        metrics.summarize(self.name(), row);
      }
    };
  }

  /**
   * The expected time from a release until {@code percent}% of {@code nodes} subscribers polling
   * every {@code interval} at independent uniform phases have polled, the network aside: the k-th
   * smallest of N uniform draws on [0, T) has mean T k / (N + 1), with k the nearest rank.
   */
  static double pollCoverageNanos(int percent, int nodes, long interval) {
    return (double) interval * UpdateMetrics.rank(percent, nodes) / (nodes + 1);
  }
}
