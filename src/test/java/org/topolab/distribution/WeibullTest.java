package org.topolab.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeibullTest {

  @Test
  void gammaMatchesKnownValues() {
    assertThat(Distribution.gamma(5)).isCloseTo(24, within(1e-9));
    assertThat(Distribution.gamma(1)).isCloseTo(1, within(1e-12));
    assertThat(Distribution.gamma(1.5)).isCloseTo(Math.sqrt(Math.PI) / 2, within(1e-12));
  }

  @Test
  void scaleGivesTheMean() {
    // Shape 1 is exponential: the scale is the mean. Shape 0.5: mean = 2 x scale.
    assertThat(new Distribution.Weibull(1, 10).scale()).isCloseTo(10, within(1e-9));
    assertThat(new Distribution.Weibull(0.5, 10).scale()).isCloseTo(5, within(1e-9));
  }

  /**
   * The mean of 400,000 draws is within 4% of the stated mean for the shapes measured in
   * file-sharing systems (0.34 to 0.8). The coefficient of variation is at most 4.3 (shape 0.34),
   * so the standard error of the sample mean is at most 0.7%: 4% is more than five of them.
   */
  @Test
  void drawsHaveTheStatedMean() {
    for (double shape : new double[] {0.34, 0.5, 0.8, 1.0, 2.0}) {
      Distribution weibull = new Distribution.Weibull(shape, 1000);
      SplittableRandom random = new SplittableRandom(42);
      double sum = 0;
      int draws = 400_000;
      for (int i = 0; i < draws; i++) {
        sum += weibull.sample(random);
      }
      assertThat(sum / draws).as("shape %s", shape).isCloseTo(1000, within(40.0));
      assertThat(weibull.mean()).isEqualTo(1000);
    }
  }
}
