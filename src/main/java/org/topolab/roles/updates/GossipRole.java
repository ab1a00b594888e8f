package org.topolab.roles.updates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;
import org.topolab.role.GroupModel;
import org.topolab.role.GroupSettings;
import org.topolab.role.Role;
import org.topolab.role.SummaryRow;
import org.topolab.settings.Settings;

/**
 * The {@code gossip} role: keys {@code mode}, {@code fanout}, {@code period}, {@code timing},
 * {@code digests}, {@code stop-after}, {@code anti-entropy}, {@code peers} and, with {@code peers =
 * view}, {@code view-size}, {@code shuffle-length}, {@code shuffle-period}. See docs/gossip.md.
 */
public final class GossipRole implements Role {

  private static final long SECOND = 1_000_000_000L;
  private static final long MIN_INTERVAL = 1_000_000L;
  private static final List<String> VIEW_KEYS = List.of("view-size", "shuffle-length", "shuffle-period");

  @Override
  public String name() {
    return "gossip";
  }

  @Override
  public GroupModel<?> configure(GroupSettings group) {
    Settings in = group.settings();
    GroupInfo nodes = group.group();
    GossipSpec.Mode mode = GossipSpec.Mode.of(in.choice("mode", "push-pull", GossipSpec.Mode.keys()));
    int fanout = in.integer("fanout", 1, 1, 1000);
    long period = in.duration("period", SECOND, MIN_INTERVAL);
    GossipSpec.Timing timing =
        in.choice("timing", "rounds", List.of("rounds", "random-phase")).equals("rounds")
            ? GossipSpec.Timing.ROUNDS
            : GossipSpec.Timing.RANDOM_PHASE;
    boolean digests = in.choice("digests", "on", List.of("on", "off")).equals("on");
    int stopAfter = stopAfter(in);
    long antiEntropy = antiEntropy(in);
    boolean useView = in.choice("peers", "group", List.of("group", "view")).equals("view");
    GossipSpec.View view = useView ? view(in, period, fanout, nodes) : noView(in);
    if (nodes.count() < 2) {
      in.problem("count", "a gossip group needs at least 2 nodes; group '" + nodes.name() + "' has 1");
    } else if (fanout > nodes.count() - 1) {
      in.problem("fanout", fanout + " peers per round needs a group of more than " + fanout + " nodes; '"
          + nodes.name() + "' has " + nodes.count());
    }
    GossipSpec spec = new GossipSpec(mode, fanout, period, timing, digests, stopAfter, antiEntropy, view);
    GossipTheory theory = GossipTheory.of(spec, nodes.count());
    String name = nodes.name();
    return new GroupModel<UpdateMetrics>() {
      @Override
      public UpdateMetrics newMetrics() {
        return new UpdateMetrics(group.window(), nodes.count());
      }

      @Override
      public Behavior<?> createNode(NodeContext node, UpdateMetrics metrics) {
        return Gossip.create(node, spec, metrics);
      }

      @Override
      public void report(ObjectNode out, UpdateMetrics metrics) {
        GossipTheory.write(metrics.write(out), theory);
      }

      @Override
      public void summarize(SummaryRow row, UpdateMetrics metrics) {
        metrics.summarize(name, row);
        row.put(name + " theory 100% s", theory == null ? "-" : String.format("%.3f", theory.coverageSeconds()));
      }
    };
  }

  /** {@code stop-after}: a number of useless contacts, or {@code never} (returned as 0). */
  private static int stopAfter(Settings in) {
    if (!in.has("stop-after")) {
      return 0;
    }
    ConfigValue value = in.raw("stop-after");
    if (value.valueType() == ConfigValueType.NUMBER) {
      return in.integer("stop-after", 0, 1, 1_000_000);
    }
    if (!"never".equals(value.unwrapped())) {
      in.problem("stop-after",
          "expected a whole number of useless contacts such as 2, or never; found " + Settings.describe(value));
    }
    return 0;
  }

  /** {@code anti-entropy}: the time between exchanges, or {@code off} (returned as 0). */
  private static long antiEntropy(Settings in) {
    if (!in.has("anti-entropy") || "off".equals(in.raw("anti-entropy").unwrapped())) {
      return 0;
    }
    return in.duration("anti-entropy", 0L, MIN_INTERVAL);
  }

  /** The Cyclon view's keys, checked against the group and the fanout. */
  private static GossipSpec.View view(Settings in, long period, int fanout, GroupInfo nodes) {
    int size = in.integer("view-size", 20, 1, 100_000);
    int length = in.integer("shuffle-length", 5, 1, 100_000);
    long shufflePeriod = in.duration("shuffle-period", period, MIN_INTERVAL);
    if (size > nodes.count() - 1 && nodes.count() > 1) {
      in.problem("view-size", "a view of " + size + " needs a group of more than " + size + " nodes; '"
          + nodes.name() + "' has " + nodes.count());
    }
    if (length > size) {
      in.problem("shuffle-length", "shuffles " + length + " entries of a view of " + size + "; expected at most view-size");
    }
    if (fanout > size) {
      in.problem("fanout", fanout + " peers per round from a view of " + size + "; expected at most view-size");
    }
    return new GossipSpec.View(size, length, shufflePeriod);
  }

  /** With peers drawn from the whole group, the view's keys mean nothing: saying so beats ignoring them. */
  private static GossipSpec.View noView(Settings in) {
    for (String key : VIEW_KEYS) {
      if (in.has(key)) {
        in.problem(key, "applies only with peers = view (peers is group)");
      }
    }
    return null;
  }
}
