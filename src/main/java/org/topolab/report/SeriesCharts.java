package org.topolab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Charts of one run's time series, group by group, against simulated time from the run's start. */
final class SeriesCharts {

  /**
   * One time series that groups of a kind write under {@code series}.
   *
   * @param key its key in {@code series}
   * @param factor what its values are multiplied by to be in the unit of {@code axis}
   * @param ceiling the top of the y axis, or NaN to fit the values
   * @param withFaults whether it is drawn only for runs that have faults
   */
  private record Curve(GroupKind kind, String key, String title, String axis, double factor, double ceiling, boolean withFaults) {}

  private static final List<Curve> CURVES = List.of(
      new Curve(GroupKind.CLIENT, "ok-per-s", "successful requests per second", "successful requests per second", 1, Double.NaN, false),
      new Curve(GroupKind.CLIENT, "availability", "availability", "requests sent that succeeded (%)", 100, 100, true),
      new Curve(GroupKind.SERVER, "utilisation", "utilisation", "busy workers (% of all workers)", 100, 100, false),
      new Curve(GroupKind.SERVER, "queue-length", "queue length", "requests waiting, per server", 1, Double.NaN, false),
      new Curve(GroupKind.DOWNLOAD, "completed", "downloads completed", "downloads completed so far", 1, Double.NaN, false));

  private SeriesCharts() {}

  /** The charts of {@code run}'s series, drawn in the colour numbered {@code colour}. */
  static List<XYChart> of(ReportRun run, int colour) {
    List<XYChart> charts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> group : run.groups().entrySet()) {
      Optional<GroupKind> kind = GroupKind.of(group.getValue());
      for (Curve curve : CURVES) {
        if (kind.isPresent() && curve.kind() == kind.get() && (!curve.withFaults() || !run.faults().isEmpty())) {
          chart(run, group.getKey(), group.getValue().path("series"), curve, colour).ifPresent(charts::add);
        }
      }
    }
    return charts;
  }

  private static Optional<XYChart> chart(ReportRun run, String group, JsonNode series, Curve curve, int colour) {
    JsonNode values = series.path(curve.key());
    double interval = series.path("interval-s").asDouble(0);
    if (!values.isArray() || values.isEmpty() || !(interval > 0)) {
      return Optional.empty();
    }
    // A run that ended before its duration (every download done) has nothing to show after its end.
    int points = run.endSeconds() > 0 ? (int) Math.min(values.size(), Math.ceil(run.endSeconds() / interval) + 1) : values.size();
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int i = 0; i < points; i++) {
      xs.add(i * interval);
      // An interval without a value (no request sent in it) leaves a gap.
      ys.add(values.get(i).isNumber() ? values.get(i).asDouble() * curve.factor() : Double.NaN);
    }
    if (xs.size() > 1) {
      // XChart puts the ticks of evenly spaced x values on data points, packed as tight as their
      // labels allow; a point halfway along the first segment draws nothing new but makes it
      // choose round ticks instead.
      xs.add(1, interval / 2);
      ys.add(1, Double.isNaN(ys.get(0)) ? ys.get(1) : Double.isNaN(ys.get(1)) ? ys.get(0) : (ys.get(0) + ys.get(1)) / 2);
    }
    XYChart chart = Charts.lines(Charts.NARROW, Charts.SHORT, group + ": " + curve.title(), "simulated time (s)", curve.axis());
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setYAxisMin(0.0);
    double top = ys.stream().filter(y -> !Double.isNaN(y)).mapToDouble(Double::doubleValue).max().orElse(0);
    if (!Double.isNaN(curve.ceiling())) {
      chart.getStyler().setYAxisMax(curve.ceiling());
      top = curve.ceiling();
    } else if (!(top > 0)) {
      chart.getStyler().setYAxisMax(1.0); // a flat zero sits on the bottom, not alone in the middle
      top = 1.0;
    }
    FaultMarks.mark(chart, run, top);
    XYSeries line = chart.addSeries(curve.title(), Charts.array(xs), Charts.array(ys));
    line.setLineColor(Charts.colour(colour));
    line.setLineStyle(Charts.SOLID);
    line.setMarker(SeriesMarkers.NONE);
    if (run.warmupSeconds() > 0) {
      chart.addAnnotation(new AnnotationLine(run.warmupSeconds(), true, false));
    }
    return Optional.of(chart);
  }
}
