package org.topolab.faults;

import java.util.List;
import org.topolab.node.RunWindow;

/**
 * How long the clients took to recover from a fault, to the resolution of {@code metrics.interval}
 * (I). For each client group, the level before the fault is the share of successful requests among
 * those sent in the {@value #BASELINE_INTERVALS} whole intervals before the one the fault starts in
 * (after the warm-up). The group has recovered at the start of the first interval that begins at or
 * after the fault's start, has requests, and reaches {@value #RECOVERED} of that level. The fault's
 * recovery time is the latest group's, from the fault's start; none if a group never gets back
 * within the workload, or if no group has a level before the fault.
 */
public final class Recovery {

  /** Intervals before a fault whose requests set the level to get back to. */
  static final int BASELINE_INTERVALS = 10;

  /** The share of the level before a fault at which an interval counts as recovered. */
  static final double RECOVERED = 0.95;

  private Recovery() {}

  /** Seconds from the start of {@code fault} until {@code clients} are back to their level; NaN if never, or if it cannot be told. */
  public static double seconds(Fault fault, List<Availability> clients, RunWindow window) {
    long interval = window.intervalNanos();
    int containing = (int) (fault.startNanos() / interval);
    int first = (int) ((fault.startNanos() + interval - 1) / interval);
    int firstMeasured = (int) ((window.warmupNanos() + interval - 1) / interval);
    double latest = Double.NaN;
    for (Availability group : clients) {
      long[] sent = group.sentPerInterval();
      long[] ok = group.okPerInterval();
      long sentBefore = 0;
      long okBefore = 0;
      for (int i = Math.max(firstMeasured, containing - BASELINE_INTERVALS); i < containing; i++) {
        sentBefore += sent[i];
        okBefore += ok[i];
      }
      if (sentBefore == 0) {
        continue; // no level to get back to
      }
      double threshold = RECOVERED * okBefore / sentBefore;
      int recovered = -1;
      for (int i = first; i < sent.length && (long) i * interval < window.endNanos() && recovered < 0; i++) {
        if (sent[i] > 0 && (double) ok[i] / sent[i] >= threshold) {
          recovered = i;
        }
      }
      if (recovered < 0) {
        return Double.NaN;
      }
      double seconds = ((long) recovered * interval - fault.startNanos()) / 1e9;
      latest = Double.isNaN(latest) ? seconds : Math.max(latest, seconds);
    }
    return latest;
  }
}
