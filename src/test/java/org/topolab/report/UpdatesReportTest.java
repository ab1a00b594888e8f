package org.topolab.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.topolab.metrics.Json;

/** The page for groups that publish and receive updates: their columns, charts against N and tables per update. */
class UpdatesReportTest {

  private static final String KEY = "groups.readers.count";

  @Test
  void aGroupsKindIsToldFromTheObjectItHas() {
    assertThat(GroupKind.of(Json.object().set("updates", Json.object()))).contains(GroupKind.UPDATES);
    assertThat(GroupKind.of(Json.object().set("publisher", Json.object()))).contains(GroupKind.PUBLISHER);
    assertThat(GroupKind.of(Json.object().set("averaging", Json.object()))).contains(GroupKind.AVERAGING);
    assertThat(GroupKind.of(Json.object().putNull("updates"))).isEmpty();
  }

  @Test
  void theRunsTableHasEachGroupsNumbersAndTheTheoriesThatSomeRunGives() throws IOException {
    ObjectNode report = HtmlReportTest.fixture(HtmlReportTest.UPDATES);
    String html = runsTable(HtmlReportTest.page(HtmlReportTest.UPDATES));

    assertThat(html).contains(">MB/update</th>", ">msgs/update</th>", ">push s theory</th>", ">50% s</th>", ">99% s</th>",
        ">100% s</th>", ">theory 100% s</th>", ">msgs/node</th>", ">bytes/node</th>", ">redundant/node</th>");
    JsonNode gossip = run(report, "gossip", 100000).path("groups");
    assertThat(row(html, "gossip", 100000)).contains(
        cell("%.3f", gossip.path("readers").path("updates").path("coverage-s").path("99").asDouble()),
        cell("%.3f", gossip.path("readers").path("updates").path("theory").path("coverage-100-s").asDouble()),
        cell("%.2f", gossip.path("readers").path("updates").path("messages-per-node").asDouble()),
        cell("%.3f", gossip.path("publisher").path("publisher").path("bytes-per-update").asDouble() / 1e6));

    // A run without a theory leaves its cell empty; when no run gives one, the column goes.
    assertThat(row(html, "poll-1s", 100)).contains("<td class=\"num\"></td>");
    report.path("runs").forEach(run -> ((ObjectNode) run.path("groups").path("readers").path("updates")).remove("theory"));
    assertThat(runsTable(HtmlReport.render(report))).doesNotContain(">theory 100% s</th>").contains(">100% s</th>");
  }

  @Test
  void againstNTheChartsAreTheCoverageTimesTheMessagesAndThePublishersLoad() throws IOException {
    String html = HtmlReportTest.page(HtmlReportTest.UPDATES);

    assertThat(html).contains("<h2>Against <code>" + KEY + "</code></h2>");
    assertThat(PageImages.of(html).titles()).containsExactly(
        "publisher: publisher load", "publisher: publisher messages",
        "readers: time to 99% coverage", "readers: time to 100% coverage", "readers: messages per node");
    // Nothing in the fixture has a time series, so there is no section over time.
    assertThat(html).doesNotContain("<h2>Over time</h2>");
  }

  @Test
  void valuesOverThreeDecadesGoOnALogAxisAndAFewOnALinearOne() throws IOException {
    assertThat(charts(HtmlReportTest.fixture(HtmlReportTest.UPDATES), KEY))
        .isNotEmpty().allMatch(chart -> chart.getStyler().isXAxisLogarithmic());
    assertThat(charts(HtmlReportTest.fixture(HtmlReportTest.DOWNLOADS), "groups.peers.count"))
        .isNotEmpty().noneMatch(chart -> chart.getStyler().isXAxisLogarithmic());
  }

  @Test
  void twoDecadesAreWhereTheAxisTurnsLogarithmic() throws IOException {
    assertThat(charts(sweptOver(100, 10_000), KEY)).allMatch(chart -> chart.getStyler().isXAxisLogarithmic());
    assertThat(charts(sweptOver(100, 9_999), KEY)).noneMatch(chart -> chart.getStyler().isXAxisLogarithmic());
  }

  @Test
  void theTheoryOf100PercentCoverageIsDashedBesideItsLineForGossipAndPush() throws IOException {
    ObjectNode report = HtmlReportTest.fixture(HtmlReportTest.UPDATES);
    XYChart chart = chart(report, "readers: time to 100% coverage");

    assertThat(chart.getSeriesMap()).containsOnlyKeys("push", "push theory", "poll-1s", "gossip", "gossip theory");
    XYSeries gossip = chart.getSeriesMap().get("gossip theory");
    assertThat(gossip.getLineStyle()).isEqualTo(Charts.DASHED);
    assertThat(gossip.getYData()).containsExactly(theories(report, "gossip", run ->
        run.path("groups").path("readers").path("updates").path("theory").path("coverage-100-s").asDouble()));
    // A subscriber group has no theory of its own: the push time of the publisher that pushes to it is one.
    assertThat(chart.getSeriesMap().get("push theory").getYData()).containsExactly(theories(report, "push", run ->
        run.path("groups").path("publisher").path("publisher").path("theory").path("push-s").asDouble()));
    // Coverage below 100% has no theory line.
    assertThat(chart(report, "readers: time to 99% coverage").getSeriesMap()).containsOnlyKeys("push", "poll-1s", "gossip");
  }

  @Test
  void withoutTheoriesThereAreNoDashedLines() throws IOException {
    ObjectNode report = HtmlReportTest.fixture(HtmlReportTest.UPDATES);
    report.path("runs").forEach(run -> {
      ((ObjectNode) run.path("groups").path("readers").path("updates")).putNull("theory");
      ((ObjectNode) run.path("groups").path("publisher").path("publisher").path("theory")).putNull("push-s");
    });

    assertThat(chart(report, "readers: time to 100% coverage").getSeriesMap()).containsOnlyKeys("push", "poll-1s", "gossip");
  }

  @Test
  void eachUpdateHasItsCoverageTimesAndThoseNeverReachedSaySo() throws IOException {
    ObjectNode report = HtmlReportTest.fixture(HtmlReportTest.UPDATES);
    String html = HtmlReportTest.page(HtmlReportTest.UPDATES);

    String section = html.substring(html.indexOf("<h2>Each update</h2>"));
    // 12 runs: the first and last sweep point of each of the 3 variants, each with its receiving group.
    assertThat(section.split("<table class=\"updates\">", -1)).hasSize(6 + 1);
    assertThat(section).contains("<h3>push, count=100</h3>", "<h3>gossip, count=100000</h3>")
        .doesNotContain("<h3>push, count=1000</h3>");
    JsonNode polled = run(report, "poll-1s", 100000).path("groups").path("readers").path("updates");
    long everyNode = 0;
    for (JsonNode update : polled.path("per-update")) {
      everyNode += update.path("coverage-s").path("100").isNull() ? 0 : 1;
    }
    assertThat(everyNode).isLessThan(polled.path("per-update").size());
    String table = section.substring(section.indexOf("<h3>poll-1s, count=100000</h3>"));
    table = table.substring(0, table.indexOf("</table>"));
    assertThat(table).contains("<caption>readers: 100000 nodes, " + polled.path("per-update").size() + " updates, "
        + everyNode + " reached every node</caption>");
    assertThat(Pattern.compile("<em>not reached</em>").matcher(table).results().count())
        .isEqualTo(polled.path("per-update").size() - everyNode);
    assertThat(table).contains(cell("%.3f", polled.path("per-update").get(1).path("coverage-s").path("90").asDouble()));
  }

  @Test
  void manyUpdatesShowTheFirstOnes() throws IOException {
    ObjectNode report = HtmlReportTest.fixture(HtmlReportTest.UPDATES);
    var perUpdate = ((ObjectNode) run(report, "push", 100).path("groups").path("readers").path("updates")).putArray("per-update");
    for (int v = 1; v <= UpdateTables.MAX_ROWS + 3; v++) {
      perUpdate.addObject().put("version", v).put("released-s", v).putObject("coverage-s").put("50", 0.5).putNull("100");
    }

    String html = HtmlReport.render(report);

    assertThat(html).contains("<td class=\"num\">" + UpdateTables.MAX_ROWS + "</td>", "and 3 more in report.json")
        .doesNotContain("<td class=\"num\">" + (UpdateTables.MAX_ROWS + 1) + "</td>");
  }

  @Test
  void nullsAndMissingFieldsLeaveCellsEmptyAndChartsOut() throws IOException {
    ObjectNode report = HtmlReportTest.fixture(HtmlReportTest.UPDATES);
    report.path("runs").forEach(run -> {
      ObjectNode updates = (ObjectNode) run.path("groups").path("readers").path("updates");
      updates.putObject("coverage-s").putNull("50").putNull("90").putNull("99").putNull("100");
      updates.putNull("messages-per-node").putNull("bytes-per-node").putNull("redundant-deliveries").putNull("theory");
      updates.path("per-update").forEach(update -> ((ObjectNode) update).putObject("coverage-s").putNull("100"));
      ObjectNode publisher = (ObjectNode) run.path("groups").path("publisher").path("publisher");
      publisher.putNull("push-to").putNull("theory").putNull("bytes-per-update");
    });
    ObjectNode nothingReleased = (ObjectNode) run(report, "push", 100).path("groups").path("readers").path("updates");
    nothingReleased.put("released", 0).putArray("per-update");

    String html = HtmlReport.render(report);

    // Only the publisher's messages per update are left to chart.
    assertThat(PageImages.of(html).titles()).containsExactly("publisher: publisher messages");
    assertThat(runsTable(html)).doesNotContain(">99% s</th>", ">MB/update</th>", "class=\"group\">readers<")
        .contains(">msgs/update</th>");
    assertThat(html).contains("readers: no update was released in the measured window.", "<em>not reached</em>");
  }

  /** The charts against {@code key} of every group of {@code report}. */
  static List<XYChart> charts(ObjectNode report, String key) {
    List<ReportRun> runs = ReportRun.all(report);
    Map<String, GroupKind> groups = new LinkedHashMap<>();
    runs.forEach(run -> run.groups().forEach((name, entry) ->
        GroupKind.of(entry).ifPresent(kind -> groups.putIfAbsent(name, kind))));
    return new SweepCharts(runs, runs.stream().map(ReportRun::variant).distinct().toList(), groups).against(key);
  }

  private static XYChart chart(ObjectNode report, String title) {
    return charts(report, KEY).stream().filter(chart -> chart.getTitle().equals(title)).findFirst().orElseThrow();
  }

  /** The updates fixture swept from {@code smallest} readers to {@code largest}, with nothing in between. */
  private static ObjectNode sweptOver(int smallest, int largest) throws IOException {
    ObjectNode report = HtmlReportTest.fixture(HtmlReportTest.UPDATES);
    report.path("runs").forEach(run -> {
      ObjectNode params = (ObjectNode) run.path("params");
      params.put(KEY, params.path(KEY).asInt() == 100 ? smallest : largest);
    });
    return report;
  }

  /** {@code theory} of each run of {@code variant}, in the order of the sweep. */
  private static double[] theories(ObjectNode report, String variant, ToDoubleFunction<JsonNode> theory) {
    List<Double> values = new ArrayList<>();
    for (JsonNode run : report.path("runs")) {
      if (run.path("variant").asText().equals(variant)) {
        values.add(theory.applyAsDouble(run));
      }
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static JsonNode run(ObjectNode report, String variant, int count) {
    for (JsonNode run : report.path("runs")) {
      if (run.path("variant").asText().equals(variant) && run.path("params").path(KEY).asInt() == count) {
        return run;
      }
    }
    throw new AssertionError("no run " + variant + " " + count);
  }

  /** The runs table of {@code html}. */
  static String runsTable(String html) {
    return html.substring(html.indexOf("<h2>Runs</h2>"), html.indexOf("</table>"));
  }

  /** The runs table's row of {@code variant} at {@code count}. */
  private static String row(String html, String variant, int count) {
    String start = "<tr><td>" + variant + "</td><td class=\"num\">" + count + "</td>";
    int at = html.indexOf(start);
    assertThat(at).as(start).isNotNegative();
    return html.substring(at, html.indexOf("</tr>", at));
  }

  private static String cell(String format, double value) {
    return "<td class=\"num\">" + String.format(Locale.ROOT, format, value) + "</td>";
  }
}
