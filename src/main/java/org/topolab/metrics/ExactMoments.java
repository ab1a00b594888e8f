package org.topolab.metrics;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The count, mean and variance of a set of doubles, from exact sums of the values and of their
 * squares: merged in any order they give the same digits, and the variance suffers no
 * cancellation, however small it is beside the square of the mean. Not synchronised: its owner
 * guards it.
 */
public final class ExactMoments {

  private final ExactSum sum = new ExactSum();
  private final ExactSum squares = new ExactSum();
  private long count;

  /** Adds the value {@code x}. */
  public void add(double x) {
    count++;
    sum.add(x);
    squares.addSquare(x);
  }

  /** Adds the values {@code other} holds; {@code other} keeps them. */
  public void merge(ExactMoments other) {
    count += other.count;
    sum.merge(other.sum);
    squares.merge(other.squares);
  }

  /** How many values were added. */
  public long count() {
    return count;
  }

  /** The mean (to 34 digits, then to a double); NaN without values, not finite if such a value was added. */
  public double mean() {
    if (count == 0) {
      return Double.NaN;
    }
    if (!sum.isFinite()) {
      return sum.toDouble();
    }
    return sum.toBigDecimal().divide(BigDecimal.valueOf(count), MathContext.DECIMAL128).doubleValue();
  }

  /**
   * The population variance, (Σx² - (Σx)²/n) / n, computed as (nΣx² - (Σx)²) / n² on the exact
   * sums, and rounded only at the end (to 34 digits, then to a double); NaN without values or with
   * a value that is not finite.
   */
  public double variance() {
    if (count == 0 || !sum.isFinite() || !squares.isFinite()) {
      return Double.NaN;
    }
    BigDecimal n = BigDecimal.valueOf(count);
    BigDecimal total = sum.toBigDecimal();
    BigDecimal spread = n.multiply(squares.toBigDecimal()).subtract(total.multiply(total));
    return spread.divide(n.multiply(n), MathContext.DECIMAL128).doubleValue();
  }
}
