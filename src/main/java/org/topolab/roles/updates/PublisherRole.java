package org.topolab.roles.updates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.topolab.network.LinkSpec;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;
import org.topolab.role.GroupModel;
import org.topolab.role.GroupSettings;
import org.topolab.role.Role;
import org.topolab.role.SummaryRow;
import org.topolab.settings.Settings;

/**
 * The {@code publisher} role: keys {@code update-size}, {@code release-times} or {@code
 * release-interval} (with {@code first-release} and {@code releases}), {@code push-to} and {@code
 * push-count}. See docs/updates.md.
 */
public final class PublisherRole implements Role {

  /**
   * Time left after the last message of a version has left its sender for the network's latency
   * and the receiver's downlink, before the run stops.
   */
  static final long DRAIN_ALLOWANCE_NANOS = 1_000_000_000L;

  /** The roles whose nodes take in an {@link Update} that is pushed to them. */
  static final List<String> RECEIVERS = List.of("subscriber", "gossip");

  @Override
  public String name() {
    return "publisher";
  }

  @Override
  public GroupModel<?> configure(GroupSettings group) {
    Settings in = group.settings();
    GroupInfo self = group.group();
    if (self.count() != 1) {
      in.problem("count", "a publisher group has exactly one node, which numbers the versions; found " + self.count());
    }
    long updateBytes = in.size("update-size", 1024L);
    ReleaseSchedule schedule = ReleaseSchedule.read(in, group.window());
    GroupInfo pushTo = in.has("push-to") ? in.group("push-to", RECEIVERS) : null;
    Publisher.Spec spec = new Publisher.Spec(updateBytes, schedule, pushTo, pushCount(in, pushTo));
    double uplink = self.link().upBitsPerSecond();
    long pushNanos = LinkSpec.transmissionNanos(spec.pushCount() * spec.updateMessageBytes(), uplink);
    String name = self.name();
    return new GroupModel<PublisherMetrics>() {
      @Override
      public PublisherMetrics newMetrics() {
        return new PublisherMetrics(group.window(), spec, uplink);
      }

      @Override
      public Behavior<?> createNode(NodeContext node, PublisherMetrics metrics) {
        return Publisher.create(node, spec, metrics);
      }

      @Override
      public long drainNanos() {
        // A version released just before the end still reaches every node it is pushed to.
        return Math.min(pushNanos, Long.MAX_VALUE / 2) + DRAIN_ALLOWANCE_NANOS;
      }

      @Override
      public void report(ObjectNode out, PublisherMetrics metrics) {
        metrics.write(out);
      }

      @Override
      public void summarize(SummaryRow row, PublisherMetrics metrics) {
        metrics.summarize(name, row);
      }
    };
  }

  /** {@code push-count}: {@code all} (the default) or a whole number up to the push group's size; 0 without a push group. */
  private static int pushCount(Settings in, GroupInfo pushTo) {
    if (!in.has("push-count")) {
      return pushTo == null ? 0 : pushTo.count();
    }
    if (!in.has("push-to")) {
      in.problem("push-count", "goes with push-to, the group that new versions are pushed to");
      return 0;
    }
    if (pushTo == null) {
      return 0; // push-to is wrong, and reported there
    }
    String expected =
        "expected all, or a whole number from 1 to " + pushTo.count() + " (the nodes of group '" + pushTo.name() + "')";
    ConfigValue value = in.raw("push-count");
    if (value.valueType() != ConfigValueType.NUMBER) {
      if (!"all".equals(value.unwrapped())) {
        in.problem("push-count", expected + "; found " + Settings.describe(value));
      }
      return pushTo.count();
    }
    long count = in.integer("push-count", 1L, Long.MIN_VALUE, Long.MAX_VALUE);
    if (count < 1 || count > pushTo.count()) {
      in.problem("push-count", expected + "; found " + count);
      return pushTo.count();
    }
    return (int) count;
  }
}
