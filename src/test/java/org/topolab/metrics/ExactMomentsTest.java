package org.topolab.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Mean and variance from exact sums: no cancellation, and the same digits however they are merged. */
class ExactMomentsTest {

  @Test
  void varianceOfATinySpreadAroundAHugeMean() {
    // Values 1e9 + i·2^-20: the variance (2^-40·(n²-1)/12) is about 1e-28 of the mean's square,
    // far below what the doubles' own textbook formula can resolve.
    int n = 1001;
    ExactMoments moments = new ExactMoments();
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = 1e9 + i * 0x1p-20;
      moments.add(values[i]);
    }
    BigDecimal mean = BigDecimal.ZERO;
    for (double value : values) {
      mean = mean.add(new BigDecimal(value));
    }
    mean = mean.divide(BigDecimal.valueOf(n), MathContext.DECIMAL128);
    BigDecimal squares = BigDecimal.ZERO;
    for (double value : values) {
      BigDecimal deviation = new BigDecimal(value).subtract(mean);
      squares = squares.add(deviation.multiply(deviation));
    }
    double expected = squares.divide(BigDecimal.valueOf(n), MathContext.DECIMAL128).doubleValue();
    assertThat(moments.count()).isEqualTo(n);
    assertThat(moments.mean()).isEqualTo(mean.doubleValue());
    assertThat(moments.variance()).isCloseTo(expected, withPercentage(1e-12));
    assertThat(expected).isCloseTo(0x1p-40 * ((double) n * n - 1) / 12, withPercentage(1e-9));
    double naive = 0;
    double naiveSum = 0;
    for (double value : values) {
      naive += value * value;
      naiveSum += value;
    }
    assertThat(Math.abs((naive - naiveSum * naiveSum / n) / n - expected)).as("doubles cancel").isGreaterThan(expected * 1e6);
  }

  @Test
  void mergedPartsGiveTheDigitsOfTheWhole() {
    Random random = new Random(5);
    ExactMoments whole = new ExactMoments();
    ExactMoments[] parts = {new ExactMoments(), new ExactMoments(), new ExactMoments()};
    for (int i = 0; i < 3000; i++) {
      double value = 500 + random.nextGaussian() * 1e-6;
      whole.add(value);
      parts[random.nextInt(parts.length)].add(value);
    }
    ExactMoments merged = new ExactMoments();
    merged.merge(parts[2]);
    merged.merge(parts[0]);
    merged.merge(parts[1]);
    assertThat(merged.count()).isEqualTo(whole.count());
    assertThat(merged.mean()).isEqualTo(whole.mean());
    assertThat(merged.variance()).isEqualTo(whole.variance());
  }

  @Test
  void nothingAddedHasNoMeanOrVariance() {
    ExactMoments moments = new ExactMoments();
    assertThat(moments.mean()).isNaN();
    assertThat(moments.variance()).isNaN();
    moments.add(7);
    assertThat(moments.mean()).isEqualTo(7);
    assertThat(moments.variance()).isZero();
  }
}
