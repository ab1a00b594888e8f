package org.topolab.roles.discovery;

import java.util.random.RandomGenerator;

/**
 * Zipf popularity over a catalogue of n items: item i (from 0, the most popular) is drawn with
 * probability (i + 1)^-s / H(n, s), where H(n, s) is the sum of r^-s for r from 1 to n; s = 0 is
 * uniform. Draws are exact inversion of the cumulative distribution, precomputed once (8 bytes per
 * item) and then only read, so one sampler serves every node of a group: a draw is one uniform
 * number and a binary search.
 */
public final class Zipf {

  private final double exponent;
  // cumulative[i]: the unnormalised weights of items 0 to i, summed in that order.
  private final double[] cumulative;

  /** Popularity over {@code items} items (at least 1) with exponent {@code exponent} (at least 0). */
  public Zipf(int items, double exponent) {
    if (items < 1 || !(exponent >= 0)) {
      throw new IllegalArgumentException("Zipf needs at least 1 item and an exponent of at least 0, not " + items + " and " + exponent);
    }
    this.exponent = exponent;
    this.cumulative = new double[items];
    double sum = 0;
    for (int i = 0; i < items; i++) {
      sum += weight(i);
      cumulative[i] = sum;
    }
  }

  private double weight(int item) {
    return Math.pow(item + 1, -exponent);
  }

  /** The number of items. */
  public int items() {
    return cumulative.length;
  }

  /** The probability that a draw gives {@code item}. */
  public double probability(int item) {
    return weight(item) / cumulative[cumulative.length - 1];
  }

  /** An item drawn by popularity: the first whose cumulative weight exceeds a uniform point of the total. */
  public int sample(RandomGenerator random) {
    double point = random.nextDouble() * cumulative[cumulative.length - 1];
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (cumulative[mid] > point) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }
}
