package org.topolab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts of each group's key numbers against one numeric swept parameter: a line per variant
 * (per variant and value of the other swept parameters, when there are several).
 */
final class SweepCharts {

  /** The runs of one line, in the order of the parameter, and how to draw it. */
  private record Line(String name, int colour, int marker, List<ReportRun> runs, String key) {}

  private final List<ReportRun> runs;
  private final List<String> variants;
  private final Map<String, GroupKind> groups;

  /** Charts of {@code groups} in {@code runs}, coloured by the position of their variant in {@code variants}. */
  SweepCharts(List<ReportRun> runs, List<String> variants, Map<String, GroupKind> groups) {
    this.runs = runs;
    this.variants = variants;
    this.groups = groups;
  }

  /** The charts against swept parameter {@code key}, group by group. */
  List<XYChart> against(String key) {
    List<Line> lines = lines(key);
    List<XYChart> charts = new ArrayList<>();
    for (Map.Entry<String, GroupKind> group : groups.entrySet()) {
      List<Measure> measures = switch (group.getValue()) {
        case CLIENT -> List.of(Measure.THROUGHPUT, Measure.MEAN_LATENCY, Measure.P99_LATENCY, Measure.FAILED);
        case SERVER -> List.of(Measure.UTILISATION);
        case DOWNLOAD -> List.of(Measure.DISTRIBUTION_TIME);
      };
      for (Measure measure : measures) {
        chart(key, group.getKey(), measure, lines).ifPresent(charts::add);
      }
    }
    return charts;
  }

  private Optional<XYChart> chart(String key, String group, Measure measure, List<Line> lines) {
    XYChart chart = Charts.lines(Charts.WIDE, Charts.TALL, group + ": " + measure.title(), key, measure.axis());
    chart.getStyler().setYAxisMin(0.0);
    if (measure.percent()) {
      chart.getStyler().setYAxisMax(100.0);
    }
    boolean drawn = false;
    for (Line line : lines) {
      drawn |= add(chart, line.name(), line, group, measure).isPresent();
      // The fluid bound says how fast the download could have been: dashed, beside its line.
      if (measure == Measure.DISTRIBUTION_TIME) {
        add(chart, line.name() + " bound", line, group, Measure.BOUND).ifPresent(bound -> {
          bound.setLineStyle(Charts.DASHED);
          bound.setMarker(SeriesMarkers.NONE);
        });
      }
    }
    return drawn ? Optional.of(chart) : Optional.empty();
  }

  /** Adds {@code line}'s values of {@code measure}, if it has any. */
  private Optional<XYSeries> add(XYChart chart, String name, Line line, String group, Measure measure) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (ReportRun run : line.runs()) {
      JsonNode entry = run.groups().get(group);
      double y = entry == null ? Double.NaN : measure.of(entry);
      if (Double.isFinite(y)) {
        xs.add(run.number(line.key()));
        ys.add(y);
      }
    }
    if (xs.isEmpty()) {
      return Optional.empty();
    }
    XYSeries series = chart.addSeries(name, Charts.array(xs), Charts.array(ys));
    series.setLineColor(Charts.colour(line.colour()));
    series.setMarkerColor(Charts.colour(line.colour()));
    series.setMarker(Charts.marker(line.marker()));
    series.setLineStyle(Charts.SOLID);
    return Optional.of(series);
  }

  /** The runs with a numeric {@code key}, split by variant and the other swept parameters. */
  private List<Line> lines(String key) {
    Map<String, List<ReportRun>> byLine = new LinkedHashMap<>();
    Map<String, String> variantOf = new LinkedHashMap<>();
    for (ReportRun run : runs) {
      if (Double.isNaN(run.number(key))) {
        continue;
      }
      String name = run.label(key);
      byLine.computeIfAbsent(name, n -> new ArrayList<>()).add(run);
      variantOf.put(name, run.variant());
    }
    Map<String, Integer> markersUsed = new LinkedHashMap<>();
    List<Line> lines = new ArrayList<>();
    byLine.forEach((name, members) -> {
      String variant = variantOf.get(name);
      int marker = markersUsed.merge(variant, 1, Integer::sum) - 1;
      members.sort(Comparator.comparingDouble(run -> run.number(key)));
      lines.add(new Line(name, variants.indexOf(variant), marker, members, key));
    });
    return lines;
  }
}
