package org.topolab.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The exact sum of doubles against BigDecimal arithmetic, in any order and split any way. */
class ExactSumTest {

  /** Doubles of every kind: tiny and huge, subnormal, of both signs, with full mantissas. */
  private static List<Double> mixed(long seed, int count) {
    Random random = new Random(seed);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double value =
          switch (i % 5) {
            // Any exponent but the one of infinities and NaN, any mantissa.
            case 0 -> Double.longBitsToDouble(((long) random.nextInt(0x7FF) << 52) | (random.nextLong() >>> 12));
            case 1 -> random.nextDouble() * 1e300;
            case 2 -> random.nextDouble() * 1e-300;
            case 3 -> Double.MIN_VALUE * random.nextInt(1 << 20); // subnormal
            default -> random.nextGaussian();
          };
      values.add(random.nextBoolean() ? value : -value);
    }
    values.add(Double.MAX_VALUE);
    values.add(-Double.MAX_VALUE);
    values.add(Double.MIN_NORMAL);
    return values;
  }

  private static BigDecimal exact(List<Double> values) {
    BigDecimal sum = BigDecimal.ZERO;
    for (double value : values) {
      sum = sum.add(new BigDecimal(value));
    }
    return sum;
  }

  private static ExactSum sumOf(List<Double> values) {
    ExactSum sum = new ExactSum();
    values.forEach(sum::add);
    return sum;
  }

  @Test
  void equalsTheBigDecimalSum() {
    List<Double> values = mixed(1, 5000);
    BigDecimal expected = exact(values);
    ExactSum sum = sumOf(values);
    assertThat(sum.toBigDecimal()).isEqualByComparingTo(expected);
    assertThat(sum.toDouble()).isEqualTo(expected.doubleValue());
  }

  @Test
  void doesNotDependOnTheOrder() {
    List<Double> values = mixed(2, 3000);
    BigDecimal first = sumOf(values).toBigDecimal();
    for (long seed = 0; seed < 5; seed++) {
      Collections.shuffle(values, new Random(seed));
      assertThat(sumOf(values).toBigDecimal()).isEqualTo(first);
    }
  }

  @Test
  void keepsWhatCancellationLosesInDoubles() {
    ExactSum sum = new ExactSum();
    sum.add(1e300);
    sum.add(1);
    sum.add(Double.MIN_VALUE);
    sum.add(-1e300);
    assertThat(sum.toBigDecimal()).isEqualByComparingTo(BigDecimal.ONE.add(new BigDecimal(Double.MIN_VALUE)));
    assertThat(sum.toDouble()).isEqualTo(1.0);
    assertThat((1e300 + 1 + Double.MIN_VALUE) - 1e300).as("what doubles give").isZero();
  }

  @Test
  void mergesPartsIntoTheSumOfTheWhole() {
    List<Double> values = mixed(3, 4000);
    ExactSum whole = sumOf(values);
    ExactSum forward = new ExactSum();
    ExactSum backward = new ExactSum();
    List<ExactSum> parts = new ArrayList<>();
    for (int part = 0; part < 4; part++) {
      parts.add(sumOf(values.subList(part * values.size() / 4, (part + 1) * values.size() / 4)));
    }
    parts.forEach(forward::merge);
    Collections.reverse(parts);
    parts.forEach(backward::merge);
    assertThat(forward.toBigDecimal()).isEqualTo(whole.toBigDecimal());
    assertThat(backward.toBigDecimal()).isEqualTo(whole.toBigDecimal());
    List<Double> lastQuarter = values.subList(3 * values.size() / 4, values.size());
    assertThat(parts.get(0).toBigDecimal()).as("a merged part keeps its own sum").isEqualByComparingTo(exact(lastQuarter));
  }

  @Test
  void carriesStayExactOverManyNormalisations() {
    // Full mantissas at limb boundaries fill every limb bit; enough of them to normalise three times.
    double[] values = {Math.nextDown(1.0), Math.nextDown(0x1p32), -Math.nextDown(0x1p-30), Math.nextDown(Double.MAX_VALUE)};
    int times = 3 * ExactSum.ADDITIONS_PER_NORMALISATION / values.length + 7;
    ExactSum sum = new ExactSum();
    for (int i = 0; i < times; i++) {
      for (double value : values) {
        sum.add(value);
      }
    }
    BigDecimal expected = BigDecimal.ZERO;
    for (double value : values) {
      expected = expected.add(new BigDecimal(value).multiply(BigDecimal.valueOf(times)));
    }
    assertThat(sum.toBigDecimal()).isEqualByComparingTo(expected);
  }

  @Test
  void sumsSquaresExactly() {
    ExactSum sum = new ExactSum();
    double x = 1 + 0x1p-40;
    sum.addSquare(x);
    sum.addSquare(-3.0);
    BigDecimal exactSquare = new BigDecimal(x).multiply(new BigDecimal(x));
    assertThat(sum.toBigDecimal()).isEqualByComparingTo(exactSquare.add(BigDecimal.valueOf(9)));
    assertThat(new BigDecimal(x * x)).as("the rounded square alone is not exact").isNotEqualByComparingTo(exactSquare);
  }

  @Test
  void zerosAddNothing() {
    ExactSum sum = new ExactSum();
    sum.add(0.0);
    sum.add(-0.0);
    assertThat(sum.toBigDecimal()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(sum.toDouble()).isZero();
  }

  @Test
  void infinitiesAndNanWinOverTheFinitePart() {
    ExactSum infinite = new ExactSum();
    infinite.add(1);
    infinite.add(Double.POSITIVE_INFINITY);
    assertThat(infinite.isFinite()).isFalse();
    assertThat(infinite.toDouble()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThatThrownBy(infinite::toBigDecimal).isInstanceOf(ArithmeticException.class);
    ExactSum opposite = new ExactSum();
    opposite.add(Double.NEGATIVE_INFINITY);
    infinite.merge(opposite);
    assertThat(infinite.toDouble()).isNaN();
  }
}
