package org.topolab.roles.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.Behavior;
import org.topolab.metrics.Json;
import org.topolab.node.NodeContext;
import org.topolab.role.GroupModel;
import org.topolab.role.GroupSettings;
import org.topolab.role.SummaryRow;

/**
 * The model every discovery role returns: metrics of its lookups ({@link LookupMetrics}), its nodes,
 * its own keys in report.json, and what theory says beside the measured numbers.
 */
public final class LookupGroup {

  /** Time after the workload for the last answers of protocols without timeouts: a round trip, or a flood and its hits, take far less. */
  public static final long DRAIN_NANOS = 5_000_000_000L;

  /**
   * What theory says of a protocol: {@code model} names it, {@code formula} says how the values were
   * computed, and {@code values} are the numbers, under the name of the measured field they stand
   * beside ({@code hops}, {@code query-messages-per-lookup}, {@code busiest-per-s}).
   */
  public record Theory(String model, String formula, Map<String, Double> values) {}

  private LookupGroup() {}

  /**
   * The model of {@code group}: {@code nodes} creates each node, {@code drainNanos} is the time the
   * last lookups may need after the workload ends, {@code keys} writes the role's own keys into the
   * group's entry.
   */
  public static GroupModel<LookupMetrics> model(
      GroupSettings group,
      BiFunction<NodeContext, LookupMetrics, Behavior<?>> nodes,
      long drainNanos,
      Consumer<ObjectNode> keys,
      Theory theory) {
    String name = group.group().name();
    return new GroupModel<>() {
      @Override
      public LookupMetrics newMetrics() {
        return new LookupMetrics(group.window(), group.group().count());
      }

      @Override
      public Behavior<?> createNode(NodeContext node, LookupMetrics metrics) {
        return nodes.apply(node, metrics);
      }

      @Override
      public long drainNanos() {
        return drainNanos;
      }

      @Override
      public void report(ObjectNode out, LookupMetrics metrics) {
        keys.accept(out);
        ObjectNode model = metrics.write(out).putObject("theory");
        model.put("model", theory.model());
        model.put("formula", theory.formula());
        theory.values().forEach((key, value) -> model.put(key, Json.round(value, 4)));
      }

      @Override
      public void summarize(SummaryRow row, LookupMetrics metrics) {
        metrics.summarize(name, row);
        theory.values().forEach((key, value) ->
            row.put(name + " theory " + key, String.format(Locale.ROOT, "%.2f", value)));
      }
    };
  }
}
