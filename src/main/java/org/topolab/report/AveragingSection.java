package org.topolab.report;

import static org.topolab.report.HtmlReport.escape;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The groups that average by gossip: a table of every run's measured reduction of the variance per
 * cycle against theory, and of its mean at start and end; and the variance per cycle of the runs
 * shown, on a log axis, beside the curve that theory's reduction gives.
 */
final class AveragingSection {

  /** Theory's curve: a neutral dashed line, which stays visible where the measured curve lies on it. */
  private static final Color THEORY = new Color(0x555555);

  /** One averaging group of one run: its name and its {@code averaging} object. */
  private record Group(ReportRun run, String name, JsonNode averaging) {}

  private AveragingSection() {}

  /** Appends the section, if any run has an averaging group. */
  static void append(StringBuilder page, List<ReportRun> runs, List<ReportRun> shown, List<String> variants) {
    List<Group> groups = new ArrayList<>();
    for (ReportRun run : runs) {
      run.groups().forEach((name, entry) -> {
        if (GroupKind.of(entry).orElse(null) == GroupKind.AVERAGING) {
          groups.add(new Group(run, name, entry.path("averaging")));
        }
      });
    }
    if (groups.isEmpty()) {
      return;
    }
    page.append("<h2>Averaging</h2>\n<p>How fast the variance of the nodes' values fell: the measured reduction per cycle ")
        .append("(variance after a cycle / variance before it) beside theory's, and how far the mean, which averaging ")
        .append("should keep, moved.</p>\n");
    table(page, groups);
    String sections = HtmlReport.runSections(shown, (run, out) -> {
      List<XYChart> charts = varianceCharts(run, variants.indexOf(run.variant()));
      if (!charts.isEmpty()) {
        HtmlReport.figures(out, charts);
      }
    });
    if (!sections.isEmpty()) {
      page.append("<p>The variance after each cycle (cycle 0: before any exchange), on a log scale; dashed, the variance ")
          .append("at cycle 0 times theory's reduction per cycle to the power of the cycle.");
      if (shown.size() < runs.size()) {
        page.append(" Shown for the first and last sweep point of each variant (")
            .append(shown.size()).append(" of ").append(runs.size()).append(" runs).");
      }
      page.append("</p>\n").append(sections);
    }
  }

  private static void table(StringBuilder page, List<Group> groups) {
    List<String> headings = List.of("nodes", "cycles", "cycle s", "reduction/cycle", "theory", "variance at start",
        "variance at end", "mean at start", "mean at end", "mean drift", "exchanges");
    page.append("<div class=\"scroll\"><table>\n<thead>\n<tr><th>run</th><th>group</th>");
    headings.forEach(heading -> page.append("<th class=\"num\">").append(heading).append("</th>"));
    page.append("</tr>\n</thead>\n<tbody>\n");
    for (Group group : groups) {
      JsonNode averaging = group.averaging();
      JsonNode variance = averaging.path("variance");
      List<String> cells = List.of(
          format("%.0f", averaging.path("nodes")),
          format("%.0f", averaging.path("cycles")),
          format("%.3f", averaging.path("cycle-s")),
          format("%.4f", averaging.path("reduction-per-cycle")),
          format("%.4f", averaging.path("theory").path("reduction-per-cycle")),
          format("%.3g", variance.path(0)),
          format("%.3g", variance.path(variance.size() - 1)),
          format("%.6g", averaging.path("mean-start")),
          format("%.6g", averaging.path("mean-end")),
          format("%.3g", averaging.path("mean-drift")),
          format("%.0f", averaging.path("exchanges")));
      page.append("<tr><td>").append(escape(group.run().label())).append("</td><td>").append(escape(group.name()))
          .append("</td>");
      cells.forEach(cell -> page.append("<td class=\"num\">").append(cell).append("</td>"));
      page.append("</tr>\n");
    }
    page.append("</tbody>\n</table></div>\n");
  }

  /** {@code value} in {@code format}, or an empty string where the report has no number. */
  private static String format(String format, JsonNode value) {
    return value.isNumber() ? String.format(Locale.ROOT, format, value.asDouble()) : "";
  }

  /** The variance per cycle of each averaging group of {@code run}, drawn in the colour numbered {@code colour}. */
  static List<XYChart> varianceCharts(ReportRun run, int colour) {
    List<XYChart> charts = new ArrayList<>();
    run.groups().forEach((name, entry) -> {
      if (GroupKind.of(entry).orElse(null) == GroupKind.AVERAGING) {
        varianceChart(name, entry.path("averaging"), colour).ifPresent(charts::add);
      }
    });
    return charts;
  }

  /**
   * The variance per cycle, with theory's curve dashed beside it when the group gives a reduction;
   * values at or below zero (a variance that reached exactly 0) have no place on a log axis.
   */
  private static Optional<XYChart> varianceChart(String group, JsonNode averaging, int colour) {
    JsonNode variance = averaging.path("variance");
    List<Double> cycles = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int k = 0; k < variance.size(); k++) {
      double value = variance.get(k).isNumber() ? variance.get(k).asDouble() : Double.NaN;
      if (value > 0 && Double.isFinite(value)) {
        cycles.add((double) k);
        values.add(value);
      }
    }
    if (values.isEmpty()) {
      return Optional.empty();
    }
    XYChart chart = Charts.lines(Charts.WIDE, Charts.TALL, group + ": variance per cycle", "cycle",
        "variance of the nodes' values (log scale)");
    Charts.logarithmicY(chart);
    chart.getStyler().setMarkerSize(5);
    XYSeries measured = chart.addSeries("measured", Charts.array(cycles), Charts.array(values));
    measured.setLineColor(Charts.colour(colour));
    measured.setMarkerColor(Charts.colour(colour));
    measured.setMarker(SeriesMarkers.CIRCLE);
    measured.setLineStyle(Charts.SOLID);
    JsonNode reduction = averaging.path("theory").path("reduction-per-cycle");
    JsonNode start = variance.path(0);
    if (reduction.isNumber() && reduction.asDouble() > 0 && start.isNumber() && start.asDouble() > 0) {
      double[] ks = new double[variance.size()];
      double[] theory = new double[variance.size()];
      for (int k = 0; k < ks.length; k++) {
        ks[k] = k;
        theory[k] = start.asDouble() * Math.pow(reduction.asDouble(), k);
      }
      String name = String.format(Locale.ROOT, "theory: × %.4f per cycle", reduction.asDouble());
      XYSeries dashed = chart.addSeries(name, ks, theory);
      dashed.setLineColor(THEORY);
      dashed.setLineStyle(Charts.DASHED);
      dashed.setMarker(SeriesMarkers.NONE);
    }
    return Optional.of(chart);
  }
}
