package org.topolab.roles.aggregation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.apache.pekko.actor.typed.Behavior;
import org.topolab.distribution.Distribution;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;
import org.topolab.role.GroupModel;
import org.topolab.role.GroupSettings;
import org.topolab.role.Role;
import org.topolab.role.SummaryRow;
import org.topolab.settings.Names;
import org.topolab.settings.Settings;

/**
 * The {@code averaging} role, push-pull gossip averaging among the nodes of one group: keys
 * {@code cycle}, {@code cycles}, {@code value}, {@code timing}. See docs/averaging.md.
 */
public final class AveragingRole implements Role {

  private static final String VALUE_HELP =
      "linear, peak, a number such as 50, or a distribution such as { distribution = uniform, min = 0, max = 100 }";

  @Override
  public String name() {
    return "averaging";
  }

  @Override
  public GroupModel<?> configure(GroupSettings group) {
    Settings in = group.settings();
    GroupInfo peers = group.group();
    if (peers.count() < 2) {
      in.problem("count", "an averaging group needs at least 2 nodes to exchange values, has " + peers.count());
    }
    long cycleNanos = in.duration("cycle", 1_000_000_000L, 1);
    int cycles = in.integer("cycles", 30, 1, 100_000);
    // The last tick and the replies to the last pushes come in the cycle after the last one.
    long lastNanos = cycleNanos * (cycles + 2L);
    if (lastNanos / (cycles + 2L) != cycleNanos) {
      in.problem("cycle", "(cycles + 2) x cycle is more time than the simulation clock counts; shorten the cycle");
    }
    long workNanos = cycleNanos * (long) cycles;
    if (workNanos / cycles == cycleNanos && workNanos > group.window().endNanos()) {
      in.problem(
          "cycles",
          cycles + " cycles of " + seconds(cycleNanos) + " need a duration of at least "
              + seconds(workNanos) + ", and the scenario's is " + seconds(group.window().endNanos())
              + "; lengthen duration or run fewer cycles");
    }
    InitialValue start = initialValue(in);
    String timing = in.choice("timing", "random-phase", List.of("random-phase", "rounds"));
    Averaging.Spec spec =
        new Averaging.Spec(
            peers, cycleNanos, cycles, start, timing.equals("rounds") ? Averaging.Timing.ROUNDS : Averaging.Timing.RANDOM_PHASE);
    String name = peers.name();
    return new GroupModel<AveragingMetrics>() {
      @Override
      public AveragingMetrics newMetrics() {
        return new AveragingMetrics(peers.count(), cycleNanos, cycles);
      }

      @Override
      public Behavior<?> createNode(NodeContext node, AveragingMetrics metrics) {
        return Averaging.create(node, spec, metrics);
      }

      @Override
      public long drainNanos() {
        // The last tick and the last replies come after the workload's end: the run waits for them.
        return Math.max(0, lastNanos - group.window().endNanos());
      }

      @Override
      public void report(ObjectNode out, AveragingMetrics metrics) {
        metrics.write(out);
      }

      @Override
      public void summarize(SummaryRow row, AveragingMetrics metrics) {
        double[] variances = metrics.variances();
        row.putHeadline(name + " reduction/cycle", String.format(Locale.ROOT, "%.4f", AveragingMetrics.reductionPerCycle(variances)));
        row.put(name + " theory", String.format(Locale.ROOT, "%.4f", AveragingMetrics.THEORY));
        row.put(name + " final variance", String.format(Locale.ROOT, "%.3e", variances[variances.length - 1]));
      }
    };
  }

  /** {@code nanos} as a duration in seconds, such as {@code 30s} or {@code 0.5s}. */
  private static String seconds(long nanos) {
    return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString() + "s";
  }

  /** The {@code value} key: {@code linear} (the default), {@code peak}, a number or a distribution. */
  private static InitialValue initialValue(Settings in) {
    if (!in.has("value")) {
      return new InitialValue.Linear();
    }
    ConfigValue raw = in.raw("value");
    String hint = "";
    switch (raw.valueType()) {
      case NUMBER:
        return new InitialValue.Drawn(new Distribution.Constant(in.number("value", Double.NaN, -Double.MAX_VALUE, Double.MAX_VALUE)));
      case OBJECT:
        return new InitialValue.Drawn(in.distribution("value", Settings.Quantity.NUMBER, null));
      case STRING:
        if (raw.unwrapped().equals("linear")) {
          return new InitialValue.Linear();
        }
        if (raw.unwrapped().equals("peak")) {
          return new InitialValue.Peak();
        }
        hint = Names.hint((String) raw.unwrapped(), List.of("linear", "peak"));
        break;
      default:
        break;
    }
    in.problem("value", "expected " + VALUE_HELP + "; found " + Settings.describe(raw) + hint);
    return new InitialValue.Linear();
  }
}
