package org.topolab.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.topolab.metrics.Json;

/**
 * The page for groups that look items up, from scenarios/discovery.conf run at N = 100 and 1,000
 * (report-lookups.json): their columns, and their charts against N with theory dashed.
 */
class LookupsReportTest {

  private static final String FIXTURE = "report-lookups.json";
  private static final String KEY = "vars.nodes";

  @Test
  void aGroupWithALookupsObjectIsALookupGroup() {
    assertThat(GroupKind.of(Json.object().set("lookups", Json.object()))).contains(GroupKind.LOOKUPS);
    assertThat(GroupKind.of(Json.object().putNull("lookups"))).isEmpty();
  }

  @Test
  void theRunsTableHasTheLookupNumbersAndTheTheoriesThatSomeRunGives() throws IOException {
    String html = HtmlReport.render(HtmlReportTest.fixture(FIXTURE));
    assertThat(html).contains(">success</th>", ">hops</th>", ">theory hops</th>", ">msgs/lookup</th>", ">queries/lookup</th>",
        ">theory queries</th>", ">mean ms</th>", ">busiest msgs/s</th>", ">theory busiest/s</th>", ">busiest share</th>");
  }

  @Test
  void againstNEachMeasureHasAChartWithALinePerVariant() throws IOException {
    Map<String, XYChart> charts = charts(HtmlReportTest.fixture(FIXTURE));
    assertThat(charts).containsOnlyKeys("peers: lookups that succeeded", "peers: hops", "peers: messages per lookup",
        "peers: query messages per lookup", "peers: lookup latency", "peers: busiest node's load");
    assertThat(charts.get("peers: lookups that succeeded").getSeriesMap())
        .containsOnlyKeys("directory", "flooding", "kademlia", "super-peers");
    // Messages and load differ by orders of magnitude between the protocols: a log y axis.
    assertThat(charts.get("peers: messages per lookup").getStyler().isYAxisLogarithmic()).isTrue();
    assertThat(charts.get("peers: hops").getStyler().isYAxisLogarithmic()).isFalse();
  }

  @Test
  void theoryIsDashedBesideTheLinesOfTheProtocolsThatGiveIt() throws IOException {
    ObjectNode report = HtmlReportTest.fixture(FIXTURE);
    Map<String, XYChart> charts = charts(report);
    XYSeries kademlia = charts.get("peers: hops").getSeriesMap().get("kademlia theory");
    assertThat(kademlia.getLineStyle()).isEqualTo(Charts.DASHED);
    assertThat(kademlia.getYData()).containsExactly(theories(report, "kademlia", "hops"));
    assertThat(charts.get("peers: query messages per lookup").getSeriesMap().get("flooding theory").getYData())
        .containsExactly(theories(report, "flooding", "query-messages-per-lookup"));
    assertThat(charts.get("peers: busiest node's load").getSeriesMap())
        .containsOnlyKeys("directory", "directory theory", "flooding", "kademlia", "super-peers");
  }

  private static Map<String, XYChart> charts(ObjectNode report) {
    List<ReportRun> runs = ReportRun.all(report);
    List<String> variants = runs.stream().map(ReportRun::variant).distinct().toList();
    Map<String, GroupKind> groups = new LinkedHashMap<>();
    groups.put("peers", GroupKind.LOOKUPS);
    Map<String, XYChart> charts = new LinkedHashMap<>();
    new SweepCharts(runs, variants, groups).against(KEY).forEach(chart -> charts.put(chart.getTitle(), chart));
    return charts;
  }

  /** The theory's {@code field} in each run of {@code variant}, in sweep order. */
  private static Double[] theories(ObjectNode report, String variant, String field) {
    List<Double> values = new ArrayList<>();
    for (JsonNode run : report.path("runs")) {
      if (run.path("variant").asText().equals(variant)) {
        values.add(run.path("groups").path("peers").path("lookups").path("theory").path(field).asDouble());
      }
    }
    return values.toArray(new Double[0]);
  }
}
