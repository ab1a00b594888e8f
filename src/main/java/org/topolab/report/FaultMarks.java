package org.topolab.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.topolab.faults.FaultTimes;

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
    List<long[]> spans = new ArrayList<>();
    List<Double> instants = new ArrayList<>();
    for (double[] fault : run.faults()) {
      if (fault[1] > fault[0]) {
        spans.add(new long[] {Math.round(fault[0] * 1e9), Math.round(fault[1] * 1e9)});
      } else {
        instants.add(fault[0]);
      }
    }
    List<long[]> merged = FaultTimes.union(spans);
    for (int i = 0; i < merged.size(); i++) {
      double start = merged.get(i)[0] / 1e9;
      double end = merged.get(i)[1] / 1e9;
      XYSeries shade = chart.addSeries("fault " + (i + 1), new double[] {start, start, end, end}, new double[] {0, top, top, 0});
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
