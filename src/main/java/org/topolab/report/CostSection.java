package org.topolab.report;

import static org.topolab.report.HtmlReport.escape;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.topolab.cost.RunCost;

/**
 * The page's "What it cost" part, for scenarios with a {@code cost} block: each run's total, the
 * operator's and the users' shares and the cost per unit delivered, and, over a numeric sweep, the
 * operator's and the users' cost against the swept value, a line each per variant.
 */
final class CostSection {

  private CostSection() {}

  /** Appends the section if any run has a cost. */
  static void append(StringBuilder page, List<ReportRun> runs, List<String> sweeps) {
    List<ReportRun> priced = runs.stream().filter(run -> run.cost().isObject()).toList();
    if (priced.isEmpty()) {
      return;
    }
    String currency = priced.get(0).cost().path("currency").asText();
    page.append("<h2>What it cost</h2>\n<p>In ").append(escape(currency))
        .append(", from the prices in the scenario's <code>cost</code> block: machines by the hour, traffic by the GB, set-up once. ")
        .append("The operator pays for its own groups; the users' groups are their own machines. ")
        .append("Delivered is what the users' groups received.</p>\n");
    boolean requests = priced.stream().anyMatch(run -> run.cost().has("per-request-served"));
    page.append("<div class=\"scroll\"><table>\n<thead><tr><th>run</th><th class=\"num\">total</th><th class=\"num\">operator</th>")
        .append("<th class=\"num\">users</th><th class=\"num\">GB delivered</th><th class=\"num\">per GB delivered</th>");
    if (requests) {
      page.append("<th class=\"num\">requests served</th><th class=\"num\">per 1,000 requests</th>");
    }
    page.append("</tr></thead>\n<tbody>\n");
    for (ReportRun run : priced) {
      JsonNode cost = run.cost();
      page.append("<tr><td>").append(escape(run.label())).append("</td>");
      cell(page, money(cost.path("total")));
      cell(page, money(cost.path("operator")));
      cell(page, money(cost.path("users")));
      cell(page, String.format(Locale.ROOT, "%.3f", cost.path("gb-delivered").asDouble()));
      cell(page, money(cost.path("per-gb-delivered")));
      if (requests) {
        cell(page, cost.has("requests-served") ? String.format(Locale.ROOT, "%,d", cost.path("requests-served").asLong()) : "");
        JsonNode perRequest = cost.path("per-request-served");
        cell(page, perRequest.isNumber() ? money(perRequest.asDouble() * 1000) : "");
      }
      page.append("</tr>\n");
    }
    page.append("</tbody>\n</table></div>\n");
    List<XYChart> charts = new ArrayList<>();
    for (String key : sweeps) {
      charts.add(against(priced, key, currency));
    }
    HtmlReport.figures(page, charts);
  }

  /** The operator's cost (solid) and the users' (dashed) against swept key {@code key}, per variant. */
  private static XYChart against(List<ReportRun> runs, String key, String currency) {
    XYChart chart = Charts.lines(Charts.WIDE, Charts.TALL, "Cost against " + key, key, "cost (" + currency + ")");
    // Two lines per variant: a horizontal legend below would run off the chart's edge.
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
    Set<String> lines = new LinkedHashSet<>();
    runs.forEach(run -> lines.add(run.label(key)));
    double min = Double.MAX_VALUE;
    double max = 0;
    int index = 0;
    for (String line : lines) {
      List<Double> x = new ArrayList<>();
      List<Double> operator = new ArrayList<>();
      List<Double> users = new ArrayList<>();
      for (ReportRun run : runs) {
        if (run.label(key).equals(line) && Double.isFinite(run.number(key))) {
          x.add(run.number(key));
          operator.add(run.cost().path("operator").asDouble());
          users.add(run.cost().path("users").asDouble());
          min = Math.min(min, run.number(key));
          max = Math.max(max, run.number(key));
        }
      }
      if (x.isEmpty()) {
        continue;
      }
      series(chart, line + ": operator", x, operator, index).setLineStyle(Charts.SOLID);
      if (users.stream().anyMatch(value -> value > 0)) {
        series(chart, line + ": users", x, users, index).setLineStyle(Charts.DASHED);
      }
      index++;
    }
    if (min > 0 && max / min > 10) {
      Charts.logarithmicX(chart);
    }
    return chart;
  }

  private static XYSeries series(XYChart chart, String name, List<Double> x, List<Double> y, int index) {
    XYSeries series = chart.addSeries(name, Charts.array(x), Charts.array(y));
    series.setLineColor(Charts.colour(index));
    series.setMarkerColor(Charts.colour(index));
    series.setMarker(Charts.marker(index));
    return series;
  }

  private static void cell(StringBuilder page, String text) {
    page.append("<td class=\"num\">").append(escape(text)).append("</td>");
  }

  private static String money(JsonNode value) {
    return value.isNumber() ? money(value.asDouble()) : "";
  }

  private static String money(double value) {
    return RunCost.format(value);
  }
}
