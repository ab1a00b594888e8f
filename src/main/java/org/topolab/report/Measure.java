package org.topolab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** A number read from a group's entry in report.json, with the words and units to show it by. */
enum Measure {
  THROUGHPUT(GroupKind.CLIENT, "throughput", "ok/s", "successful requests per second", "%.1f",
      group -> number(group, "requests", "throughput-per-s")),
  MEAN_LATENCY(GroupKind.CLIENT, "mean latency", "mean ms", "latency of successful requests (ms)", "%.2f",
      group -> number(group, "requests", "latency-ms", "mean")),
  P99_LATENCY(GroupKind.CLIENT, "99th percentile latency", "p99 ms", "latency of successful requests (ms)", "%.2f",
      group -> number(group, "requests", "latency-ms", "p99")),
  FAILED(GroupKind.CLIENT, "failed requests", "failed", "failed, timed out, rejected or refused (% of sent)", "%.1f%%",
      Measure::failedPercent),
  UTILISATION(GroupKind.SERVER, "utilisation", "utilisation", "busy workers (% of all workers)", "%.0f%%",
      group -> 100 * number(group, "utilisation")),
  COMPLETED(GroupKind.DOWNLOAD, "downloads completed", "completed", "downloads completed", "%.0f",
      group -> number(group, "downloads", "completed")),
  INCOMPLETE(GroupKind.DOWNLOAD, "downloads not completed", "incomplete", "downloads not completed", "%.0f",
      group -> number(group, "downloads", "incomplete")),
  DISTRIBUTION_TIME(GroupKind.DOWNLOAD, "distribution time", "last done s", "time until the last download completed (s)", "%.2f",
      group -> number(group, "downloads", "time-s", "max")),
  BOUND(GroupKind.DOWNLOAD, "fluid lower bound", "bound s", "time until the last download completed (s)", "%.2f",
      group -> number(group, "downloads", "bound-s")),
  RATIO_TO_BOUND(GroupKind.DOWNLOAD, "ratio to the bound", "ratio to bound", "distribution time / lower bound", "%.2f",
      group -> number(group, "downloads", "ratio-to-bound")),
  COVERAGE_50(GroupKind.UPDATES, "time to 50% coverage", "50% s", "time from release until 50% of the nodes had it (s)", "%.3f",
      group -> number(group, "updates", "coverage-s", "50")),
  COVERAGE_99(GroupKind.UPDATES, "time to 99% coverage", "99% s", "time from release until 99% of the nodes had it (s)", "%.3f",
      group -> number(group, "updates", "coverage-s", "99")),
  COVERAGE_100(GroupKind.UPDATES, "time to 100% coverage", "100% s", "time from release until every node had it (s)", "%.3f",
      group -> number(group, "updates", "coverage-s", "100")),
  COVERAGE_THEORY(GroupKind.UPDATES, "theory of 100% coverage", "theory 100% s", "time from release until every node had it (s)",
      "%.3f", Measure::coverageTheory),
  MESSAGES_PER_NODE(GroupKind.UPDATES, "messages per node", "msgs/node", "messages received per node and update", "%.2f",
      group -> number(group, "updates", "messages-per-node")),
  BYTES_PER_NODE(GroupKind.UPDATES, "bytes per node", "bytes/node", "bytes received per node and update", "%.0f",
      group -> number(group, "updates", "bytes-per-node")),
  REDUNDANT(GroupKind.UPDATES, "redundant deliveries", "redundant/node",
      "deliveries of a version the node had already, per node and update", "%.2f",
      group -> number(group, "updates", "redundant-deliveries")),
  PUBLISHER_LOAD(GroupKind.PUBLISHER, "publisher load", "MB/update", "MB (10⁶ bytes) sent per update", "%.3f",
      group -> number(group, "publisher", "bytes-per-update") / 1e6),
  PUBLISHER_MESSAGES(GroupKind.PUBLISHER, "publisher messages", "msgs/update", "messages sent by the publisher per update", "%.1f",
      group -> number(group, "publisher", "messages-per-update")),
  PUSH_THEORY(GroupKind.PUBLISHER, "theory of the push", "push s theory",
      "time to push an update to every subscriber: N × size / uplink (s)", "%.3f",
      group -> number(group, "publisher", "theory", "push-s")),
  REDUCTION(GroupKind.AVERAGING, "variance reduction per cycle", "reduction/cycle", "variance after a cycle / variance before it",
      "%.4f", group -> number(group, "averaging", "reduction-per-cycle")),
  REDUCTION_THEORY(GroupKind.AVERAGING, "theory of the reduction", "theory", "variance after a cycle / variance before it", "%.4f",
      group -> number(group, "averaging", "theory", "reduction-per-cycle")),
  FINAL_VARIANCE(GroupKind.AVERAGING, "final variance", "final variance", "variance of the values after the last cycle", "%.3g",
      Measure::finalVariance),
  MEAN_DRIFT(GroupKind.AVERAGING, "mean drift", "mean drift", "how far the mean moved from start to end (mean-drift)", "%.3g",
      group -> number(group, "averaging", "mean-drift")),
  LOOKUP_SUCCESS(GroupKind.LOOKUPS, "lookups that succeeded", "success", "lookups that found a holder (% of sent)", "%.1f%%",
      group -> 100 * number(group, "lookups", "success-rate")),
  HOPS(GroupKind.LOOKUPS, "hops", "hops", "mean hops of the lookups that succeeded", "%.2f",
      group -> number(group, "lookups", "hops", "mean")),
  HOPS_THEORY(GroupKind.LOOKUPS, "theory of the hops", "theory hops", "mean hops of the lookups that succeeded", "%.2f",
      group -> number(group, "lookups", "theory", "hops")),
  LOOKUP_MESSAGES(GroupKind.LOOKUPS, "messages per lookup", "msgs/lookup", "messages per lookup: queries, answers and hits", "%.1f",
      group -> number(group, "lookups", "messages-per-lookup")),
  QUERY_MESSAGES(GroupKind.LOOKUPS, "query messages per lookup", "queries/lookup", "messages that carried the query, per lookup",
      "%.1f", group -> number(group, "lookups", "query-messages-per-lookup")),
  QUERY_THEORY(GroupKind.LOOKUPS, "theory of the query messages", "theory queries", "messages that carried the query, per lookup",
      "%.1f", group -> number(group, "lookups", "theory", "query-messages-per-lookup")),
  LOOKUP_LATENCY(GroupKind.LOOKUPS, "lookup latency", "mean ms", "mean time until a holder was known (ms)", "%.1f",
      group -> number(group, "lookups", "latency-ms", "mean")),
  BUSIEST_LOAD(GroupKind.LOOKUPS, "busiest node's load", "busiest msgs/s", "messages the busiest node received per second",
      "%.1f", group -> number(group, "lookups", "load", "max-per-s")),
  BUSIEST_THEORY(GroupKind.LOOKUPS, "theory of the busiest node's load", "theory busiest/s",
      "messages the busiest node received per second", "%.1f", group -> number(group, "lookups", "theory", "busiest-per-s")),
  BUSIEST_SHARE(GroupKind.LOOKUPS, "busiest node's share", "busiest share", "the busiest node's share of the messages handled (%)",
      "%.2f%%", group -> 100 * number(group, "lookups", "load", "busiest-share"));

  private final GroupKind kind;
  private final String title;
  private final String heading;
  private final String axis;
  private final String format;
  private final ToDoubleFunction<JsonNode> value;

  Measure(GroupKind kind, String title, String heading, String axis, String format, ToDoubleFunction<JsonNode> value) {
    this.kind = kind;
    this.title = title;
    this.heading = heading;
    this.axis = axis;
    this.format = format;
    this.value = value;
  }

  /** Every measure of groups of {@code kind}, in the order the summary table shows them. */
  static List<Measure> of(GroupKind kind) {
    return Arrays.stream(values()).filter(measure -> measure.kind == kind).toList();
  }

  /** What a chart of this measure is called, such as {@code mean latency}. */
  String title() {
    return title;
  }

  /** The measure's column heading in the summary table. */
  String heading() {
    return heading;
  }

  /** What the measure is, with its unit: a chart's axis title, a column heading's tooltip. */
  String axis() {
    return axis;
  }

  /** Whether the measure is a percentage, which charts show on an axis from 0 to 100. */
  boolean percent() {
    return format.endsWith("%%");
  }

  /** The measure's value in {@code group}, or NaN where the group does not have it. */
  double of(JsonNode group) {
    return value.applyAsDouble(group);
  }

  /** The measure's value in {@code group} for the table, or an empty string where there is none. */
  String format(JsonNode group) {
    double number = of(group);
    return Double.isFinite(number) ? String.format(Locale.ROOT, format, number) : "";
  }

  private static double failedPercent(JsonNode group) {
    JsonNode requests = group.path("requests");
    double sent = requests.path("sent").asDouble(0);
    double lost = requests.path("failed").asDouble(0) + requests.path("timeouts").asDouble(0) + requests.path("rejected").asDouble(0)
        + requests.path("unauthorised").asDouble(0) + requests.path("rate-limited").asDouble(0);
    return sent > 0 ? 100 * lost / sent : Double.NaN;
  }

  private static double finalVariance(JsonNode group) {
    JsonNode variance = group.path("averaging").path("variance");
    JsonNode last = variance.isArray() && !variance.isEmpty() ? variance.get(variance.size() - 1) : null;
    return last != null && last.isNumber() ? last.asDouble() : Double.NaN;
  }

  /** Gossip's theory gives {@code coverage-100-s}; polling's gives {@code coverage-s} per level. */
  private static double coverageTheory(JsonNode group) {
    double gossip = number(group, "updates", "theory", "coverage-100-s");
    return Double.isNaN(gossip) ? number(group, "updates", "theory", "coverage-s", "100") : gossip;
  }

  private static double number(JsonNode group, String... path) {
    JsonNode node = group;
    for (String key : path) {
      node = node.path(key);
    }
    return node.isNumber() ? node.asDouble() : Double.NaN;
  }
}
