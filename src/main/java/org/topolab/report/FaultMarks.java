package org.topolab.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Marks a run's faults on its charts over time: a shaded span for each stretch of time in which a
 * fault is in force (overlapping faults make one span), a vertical line for a fault of an instant
 * (a restart, a heal).
 */
final class FaultMarks {

  // Light enough that the curve drawn over it stays clear.
  private static final Color SHADE = new Color(0xE53935 & 0xFFFFFF | 0x33 << 24, true);
  // A chart with more instants than this marks none: a forest of lines hides the curve.
  private static final int MAX_LINES = 40;

  private FaultMarks() {}

  /** Adds {@code run}'s faults to {@code chart}, spans up to {@code top} on the y axis. */
  static void mark(XYChart chart, ReportRun run, double top) {
    List<double[]> spans = new ArrayList<>();
    List<Double> instants = new ArrayList<>();
    for (double[] fault : run.faults()) {
      if (fault[1] > fault[0]) {
        spans.add(fault.clone());
      } else {
        instants.add(fault[0]);
      }
    }
    spans.sort((a, b) -> Double.compare(a[0], b[0]));
    List<double[]> merged = new ArrayList<>();
    for (double[] span : spans) {
      double[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && span[0] <= last[1]) {
        last[1] = Math.max(last[1], span[1]);
      } else {
        merged.add(span);
      }
    }
    for (int i = 0; i < merged.size(); i++) {
      double[] span = merged.get(i);
      XYSeries shade = chart.addSeries(
          "fault " + (i + 1), new double[] {span[0], span[0], span[1], span[1]}, new double[] {0, top, top, 0});
      shade.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
      shade.setFillColor(SHADE);
      shade.setLineColor(SHADE);
      shade.setMarker(SeriesMarkers.NONE);
      shade.setShowInLegend(false);
    }
    if (instants.size() <= MAX_LINES) {
      for (double instant : instants) {
        chart.addAnnotation(new AnnotationLine(instant, true, false));
      }
    }
  }
}
