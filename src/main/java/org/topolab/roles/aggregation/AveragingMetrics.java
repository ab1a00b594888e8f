package org.topolab.roles.aggregation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.topolab.metrics.ExactMoments;
import org.topolab.metrics.Json;
import org.topolab.role.GroupMetrics;

/**
 * What the nodes of one averaging group measure together: the values they held at each cycle
 * boundary (times 0, cycle, ..., cycles x cycle), as exact sums, so that the variance after each
 * cycle is the same digit for digit however the run was split; and the exchanges they completed.
 */
public final class AveragingMetrics implements GroupMetrics<AveragingMetrics> {

  /** The variance reduction per cycle that theory predicts for push-pull averaging: 1 / (2 sqrt(e)). */
  public static final double THEORY = 1 / (2 * Math.sqrt(Math.E));

  private final int nodes;
  private final long cycleNanos;
  // Index k: the values held at time k x cycle.
  private final ExactMoments[] boundaries;
  private long exchanges;
  private long overlapped;

  /** Metrics of a group of {@code nodes} nodes that run {@code cycles} cycles of {@code cycleNanos}. */
  public AveragingMetrics(int nodes, long cycleNanos, int cycles) {
    this.nodes = nodes;
    this.cycleNanos = cycleNanos;
    this.boundaries = new ExactMoments[cycles + 1];
    for (int k = 0; k <= cycles; k++) {
      boundaries[k] = new ExactMoments();
    }
  }

  /** A node held {@code value} at boundaries {@code from} to {@code to - 1}. */
  synchronized void held(int from, int to, double value) {
    for (int k = from; k < to; k++) {
      boundaries[k].add(value);
    }
  }

  /** A node completed an exchange; {@code overlapped} if its value changed between its push and the reply. */
  synchronized void exchanged(boolean overlapped) {
    exchanges++;
    if (overlapped) {
      this.overlapped++;
    }
  }

  @Override
  public synchronized void merge(AveragingMetrics other) {
    synchronized (other) {
      for (int k = 0; k < boundaries.length; k++) {
        boundaries[k].merge(other.boundaries[k]);
      }
      exchanges += other.exchanges;
      overlapped += other.overlapped;
    }
  }

  /** The cycles run. */
  public int cycles() {
    return boundaries.length - 1;
  }

  /** The nodes' values recorded at boundary {@code k}. */
  synchronized ExactMoments boundary(int k) {
    return boundaries[k];
  }

  /**
   * The variance of the nodes' values at each boundary, the first before any exchange; NaN at a
   * boundary that not every node reached (a run cut short).
   */
  public synchronized double[] variances() {
    double[] variances = new double[boundaries.length];
    for (int k = 0; k < boundaries.length; k++) {
      variances[k] = boundaries[k].count() == nodes ? boundaries[k].variance() : Double.NaN;
    }
    return variances;
  }

  /** The mean at boundary {@code k}; NaN unless every node reached it. */
  public synchronized double mean(int k) {
    return boundaries[k].count() == nodes ? boundaries[k].mean() : Double.NaN;
  }

  /**
   * The geometric mean of the reduction of {@code variances} (as {@link #variances()} gives them)
   * over the cycles: (last / first)^(1 / cycles).
   */
  public static double reductionPerCycle(double[] variances) {
    int cycles = variances.length - 1;
    return StrictMath.pow(variances[cycles] / variances[0], 1.0 / cycles);
  }

  /**
   * Writes {@code averaging}: {@code nodes}, {@code cycle-s}, {@code cycles}, {@code variance},
   * {@code reductions}, {@code reduction-per-cycle}, {@code mean-start}, {@code mean-end}, {@code
   * mean-drift}, {@code exchanges}, {@code exchanges-overlapped} and {@code theory}. Numbers that
   * are undefined (a variance of 0 to divide by) are null.
   */
  public synchronized void write(ObjectNode group) {
    ObjectNode out = group.putObject("averaging");
    out.put("nodes", nodes);
    out.put("cycle-s", Json.seconds(cycleNanos));
    out.put("cycles", cycles());
    double[] variances = variances();
    ArrayNode variance = out.putArray("variance");
    ArrayNode reductions = out.putArray("reductions");
    for (int k = 0; k < variances.length; k++) {
      add(variance, variances[k]);
      if (k > 0) {
        add(reductions, variances[k] / variances[k - 1]);
      }
    }
    put(out, "reduction-per-cycle", reductionPerCycle(variances));
    double start = mean(0);
    double end = mean(cycles());
    put(out, "mean-start", start);
    put(out, "mean-end", end);
    put(out, "mean-drift", (end - start) / Math.abs(start));
    out.put("exchanges", exchanges);
    out.put("exchanges-overlapped", overlapped);
    out.putObject("theory").put("reduction-per-cycle", THEORY);
  }

  /** A number in full precision, or null if it is not finite. */
  private static void put(ObjectNode out, String key, double value) {
    if (Double.isFinite(value)) {
      out.put(key, value);
    } else {
      out.putNull(key);
    }
  }

  private static void add(ArrayNode out, double value) {
    if (Double.isFinite(value)) {
      out.add(value);
    } else {
      out.addNull();
    }
  }
}
