package org.topolab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts of each group's key numbers against one numeric swept parameter: a line per variant
 * (per variant and value of the other swept parameters, when there are several), theory dashed
 * beside it where the report gives one, on a log axis when the values span two decades or more.
 */
final class SweepCharts {

  /** The runs of one line, in the order of the parameter, and how to draw it. */
  private record Line(String name, int colour, int marker, List<ReportRun> runs, String key) {}

  /** A number of a group in a run that has the group, or NaN. */
  private interface Value {
    double of(ReportRun run, String group);
  }

  /** Measures whose protocols differ by orders of magnitude (2 messages a lookup beside 160): log y reads them all. */
  private static final Set<Measure> LOGARITHMIC_Y = EnumSet.of(Measure.LOOKUP_MESSAGES, Measure.QUERY_MESSAGES, Measure.BUSIEST_LOAD);

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
    boolean logarithmic = spansDecades(lines);
    List<XYChart> charts = new ArrayList<>();
    for (Map.Entry<String, GroupKind> group : groups.entrySet()) {
      List<Measure> measures = switch (group.getValue()) {
        case CLIENT -> List.of(Measure.THROUGHPUT, Measure.MEAN_LATENCY, Measure.P99_LATENCY, Measure.FAILED);
        case SERVER -> List.of(Measure.UTILISATION);
        case DOWNLOAD -> List.of(Measure.DISTRIBUTION_TIME);
        case UPDATES -> List.of(Measure.COVERAGE_99, Measure.COVERAGE_100, Measure.MESSAGES_PER_NODE);
        case PUBLISHER -> List.of(Measure.PUBLISHER_LOAD, Measure.PUBLISHER_MESSAGES);
        case AVERAGING -> List.of(Measure.REDUCTION);
        case LOOKUPS -> List.of(Measure.LOOKUP_SUCCESS, Measure.HOPS, Measure.LOOKUP_MESSAGES, Measure.QUERY_MESSAGES,
            Measure.LOOKUP_LATENCY, Measure.BUSIEST_LOAD);
      };
      for (Measure measure : measures) {
        chart(key, group.getKey(), measure, lines, logarithmic).ifPresent(charts::add);
      }
    }
    return charts;
  }

  /**
   * Whether the swept values span two decades or more, such as N from 100 to 100,000: on a linear
   * axis all but the largest would crowd at its left end.
   */
  private static boolean spansDecades(List<Line> lines) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Line line : lines) {
      for (ReportRun run : line.runs()) {
        min = Math.min(min, run.number(line.key()));
        max = Math.max(max, run.number(line.key()));
      }
    }
    return min > 0 && max / min >= 100;
  }

  private Optional<XYChart> chart(String key, String group, Measure measure, List<Line> lines, boolean logarithmic) {
    XYChart chart = Charts.lines(Charts.WIDE, Charts.TALL, group + ": " + measure.title(), key, measure.axis());
    if (logarithmic) {
      Charts.logarithmicX(chart);
    }
    if (LOGARITHMIC_Y.contains(measure)) {
      Charts.logarithmicY(chart);
    } else {
      chart.getStyler().setYAxisMin(0.0);
    }
    if (measure.percent()) {
      chart.getStyler().setYAxisMax(100.0);
    }
    Optional<Value> theory = theory(measure);
    boolean drawn = false;
    double max = 0;
    for (Line line : lines) {
      Optional<XYSeries> measured = add(chart, line.name(), line, group, (run, name) -> measure.of(run.groups().get(name)));
      drawn |= measured.isPresent();
      max = Math.max(max, measured.map(XYSeries::getYMax).orElse(0.0));
      // Theory says how fast it could or should be: dashed, beside its line.
      theory.flatMap(value -> add(chart, line.name() + " " + theoryName(measure), line, group, value)).ifPresent(dashed -> {
        dashed.setLineStyle(Charts.DASHED);
        dashed.setMarker(SeriesMarkers.NONE);
      });
    }
    Charts.wholeNumbersOnY(chart, max);
    return drawn ? Optional.of(chart) : Optional.empty();
  }

  /** What theory says of {@code measure}, for the measures that have one. */
  private static Optional<Value> theory(Measure measure) {
    return switch (measure) {
      case DISTRIBUTION_TIME -> Optional.of((run, group) -> Measure.BOUND.of(run.groups().get(group)));
      case COVERAGE_100 -> Optional.of(SweepCharts::coverageTheory);
      case REDUCTION -> Optional.of((run, group) -> Measure.REDUCTION_THEORY.of(run.groups().get(group)));
      case HOPS -> Optional.of((run, group) -> Measure.HOPS_THEORY.of(run.groups().get(group)));
      case QUERY_MESSAGES -> Optional.of((run, group) -> Measure.QUERY_THEORY.of(run.groups().get(group)));
      case BUSIEST_LOAD -> Optional.of((run, group) -> Measure.BUSIEST_THEORY.of(run.groups().get(group)));
      default -> Optional.empty();
    };
  }

  private static String theoryName(Measure measure) {
    return measure == Measure.DISTRIBUTION_TIME ? "bound" : "theory";
  }

  /**
   * The time to 100% coverage that theory gives for a receiving group: its own (gossip), or else
   * the push time of the run's publisher that pushes to it, which is when its last node has it.
   */
  private static double coverageTheory(ReportRun run, String group) {
    double own = Measure.COVERAGE_THEORY.of(run.groups().get(group));
    if (!Double.isNaN(own)) {
      return own;
    }
    for (JsonNode other : run.groups().values()) {
      if (group.equals(other.path("publisher").path("push-to").textValue())) {
        return Measure.PUSH_THEORY.of(other);
      }
    }
    return Double.NaN;
  }

  /** Adds {@code line}'s values, if it has any. */
  private Optional<XYSeries> add(XYChart chart, String name, Line line, String group, Value value) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (ReportRun run : line.runs()) {
      double y = run.groups().containsKey(group) ? value.of(run, group) : Double.NaN;
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
