package org.topolab.role;

/**
 * What the nodes of one group measure in one partition of a run. Each partition keeps its own,
 * touched by its nodes only; at the end the engine merges them, always in the same order, into
 * the group's result. Keep the sums exact (whole numbers, counts, histograms) so that a run split
 * into partitions reports exactly what it reports on one.
 *
 * @param <M> the class itself
 */
public interface GroupMetrics<M extends GroupMetrics<M>> {

  /** Adds what {@code other} (the same group's metrics from another partition) measured to this. */
  void merge(M other);

  /** Metrics for a group that measures nothing of its own. */
  static None none() {
    return new None();
  }

  /** No metrics: the group's traffic alone is reported. */
  final class None implements GroupMetrics<None> {
    private None() {}

    @Override
    public void merge(None other) {}
  }
}
