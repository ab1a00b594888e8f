package org.topolab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The page for groups that average by gossip: the reduction against theory, the mean, the variance per cycle. */
class AveragingReportTest {

  @Test
  void eachRunHasItsVarianceCurveAndTheReductionIsChartedAgainstN() throws IOException {
    String html = HtmlReportTest.page(HtmlReportTest.AVERAGING);

    assertThat(PageImages.of(html).titles()).containsExactly(
        "peers: variance reduction per cycle", "peers: variance per cycle", "peers: variance per cycle");
    assertThat(html).contains("<h2>Averaging</h2>", "<h3>default, nodes=1000</h3>", "<h3>default, nodes=100000</h3>");
  }

  @Test
  void theVarianceIsOnALogAxisWithTheoryFromItsFirstValue() throws IOException {
    ObjectNode report = HtmlReportTest.fixture(HtmlReportTest.AVERAGING);
    JsonNode averaging = report.path("runs").get(0).path("groups").path("peers").path("averaging");

    XYChart chart = varianceChart(report);

    assertThat(chart.getStyler().isYAxisLogarithmic()).isTrue();
    assertThat(chart.getSeriesMap()).containsOnlyKeys("measured", "theory: × 0.3033 per cycle");
    XYSeries measured = chart.getSeriesMap().get("measured");
    assertThat(measured.getYData()).hasSize(averaging.path("variance").size());
    assertThat(measured.getYData()[averaging.path("cycles").asInt()])
        .isEqualTo(averaging.path("variance").get(averaging.path("cycles").asInt()).asDouble());
    XYSeries theory = chart.getSeriesMap().get("theory: × 0.3033 per cycle");
    assertThat(theory.getLineStyle()).isEqualTo(Charts.DASHED);
    double start = averaging.path("variance").get(0).asDouble();
    double reduction = averaging.path("theory").path("reduction-per-cycle").asDouble();
    assertThat(theory.getYData()[0]).isEqualTo(start);
    assertThat(theory.getYData()[10]).isCloseTo(start * Math.pow(reduction, 10), withinPercentage(1e-9));
  }

  @Test
  void theTablesGiveTheMeasuredReductionBesideTheoryAndTheMean() throws IOException {
    ObjectNode report = HtmlReportTest.fixture(HtmlReportTest.AVERAGING);
    String html = HtmlReportTest.page(HtmlReportTest.AVERAGING);
    JsonNode averaging = report.path("runs").get(1).path("groups").path("peers").path("averaging");

    assertThat(UpdatesReportTest.runsTable(html)).contains(">reduction/cycle</th>", ">theory</th>", ">final variance</th>",
        ">mean drift</th>");
    String table = html.substring(html.indexOf("<h2>Averaging</h2>"));
    int at = table.indexOf("<tr><td>default, nodes=100000</td><td>peers</td>");
    assertThat(at).isNotNegative();
    String row = table.substring(at, table.indexOf("</tr>", at));
    assertThat(row).contains(
        cell("%.4f", averaging.path("reduction-per-cycle")), cell("%.4f", averaging.path("theory").path("reduction-per-cycle")),
        cell("%.6g", averaging.path("mean-start")), cell("%.6g", averaging.path("mean-end")),
        cell("%.3g", averaging.path("mean-drift")), cell("%.3g", averaging.path("variance").get(30)));
  }

  @Test
  void withoutTheoryThereIsNoDashedCurveNorColumn() throws IOException {
    ObjectNode report = HtmlReportTest.fixture(HtmlReportTest.AVERAGING);
    report.path("runs").forEach(run -> ((ObjectNode) run.path("groups").path("peers").path("averaging")).remove("theory"));

    assertThat(varianceChart(report).getSeriesMap()).containsOnlyKeys("measured");
    assertThat(UpdatesReportTest.charts(report, "vars.nodes")).singleElement()
        .satisfies(chart -> assertThat(chart.getSeriesMap()).containsOnlyKeys("default"));
    assertThat(UpdatesReportTest.runsTable(HtmlReport.render(report)))
        .doesNotContain(">theory</th>").contains(">reduction/cycle</th>");
  }

  @Test
  void aVarianceOfZeroOrNoneIsLeftOffTheLogAxis() throws IOException {
    ObjectNode report = HtmlReportTest.fixture(HtmlReportTest.AVERAGING);
    ArrayNode variance = (ArrayNode) report.path("runs").get(0).path("groups").path("peers").path("averaging").path("variance");
    variance.set(29, 0.0);
    variance.setNull(30);

    XYChart chart = varianceChart(report);

    assertThat(chart.getSeriesMap().get("measured").getXData()).hasSize(variance.size() - 2).doesNotContain(29.0, 30.0);
    assertThat(chart.getSeriesMap().get("theory: × 0.3033 per cycle").getXData()).hasSize(variance.size());
  }

  @Test
  void aGroupWithNothingButItsNameBreaksNothing() throws IOException {
    ObjectNode report = HtmlReportTest.fixture(HtmlReportTest.AVERAGING);
    report.path("runs").forEach(run ->
        ((ObjectNode) run.path("groups").path("peers")).putObject("averaging").putNull("variance"));

    String html = HtmlReport.render(report);

    assertThat(PageImages.tags(html)).isZero();
    assertThat(html).contains("<tr><td>default, nodes=1000</td><td>peers</td>").doesNotContain("<h3>");
  }

  /** The variance chart of the first run of {@code report}. */
  private static XYChart varianceChart(ObjectNode report) {
    List<XYChart> charts = AveragingSection.varianceCharts(ReportRun.all(report).get(0), 0);
    assertThat(charts).hasSize(1);
    return charts.get(0);
  }

  private static String cell(String format, JsonNode value) {
    return "<td class=\"num\">" + String.format(Locale.ROOT, format, value.asDouble()) + "</td>";
  }
}
