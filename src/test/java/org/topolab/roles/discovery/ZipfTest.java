package org.topolab.roles.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The Zipf sampler draws each item with its probability (i + 1)^-s / H(n, s). */
class ZipfTest {

  @Test
  void probabilitiesFollowTheFormulaAndSumToOne() {
    Zipf zipf = new Zipf(4, 1.0);
    double harmonic = 1 + 1 / 2.0 + 1 / 3.0 + 1 / 4.0;
    for (int i = 0; i < 4; i++) {
      assertThat(zipf.probability(i)).isCloseTo(1 / ((i + 1) * harmonic), within(1e-15));
    }
    Zipf wide = new Zipf(100_000, 0.8);
    double sum = 0;
    for (int i = 0; i < wide.items(); i++) {
      sum += wide.probability(i);
    }
    assertThat(sum).isCloseTo(1.0, within(1e-9));
    assertThat(new Zipf(5, 0).probability(3)).isCloseTo(0.2, within(1e-15));
  }

  /**
   * Pearson's chi-square of 400,000 draws over 200 items against the exact probabilities: with 199
   * degrees of freedom it exceeds 273.0 with probability 0.0005, so a sampler that is right passes
   * (and does, for this fixed seed), while one off by a few percent on the popular items fails.
   */
  @Test
  void drawsPassAChiSquareTestAgainstTheExactProbabilities() {
    for (double exponent : new double[] {0.0, 0.8, 1.2}) {
      Zipf zipf = new Zipf(200, exponent);
      int draws = 400_000;
      long[] counts = new long[200];
      SplittableRandom random = new SplittableRandom(17);
      for (int d = 0; d < draws; d++) {
        counts[zipf.sample(random)]++;
      }
      double chiSquare = 0;
      for (int i = 0; i < counts.length; i++) {
        double expected = draws * zipf.probability(i);
        chiSquare += (counts[i] - expected) * (counts[i] - expected) / expected;
      }
      assertThat(chiSquare).as("exponent %s", exponent).isLessThan(273.0);
    }
  }

  @Test
  void theFirstAndLastItemsAreDrawnAtTheEdgesOfTheUnitInterval() {
    Zipf zipf = new Zipf(3, 1.0);
    // A random stream whose first draw is as small, then as large, as nextDouble can give.
    assertThat(zipf.sample(new FixedRandom(0.0))).isZero();
    assertThat(zipf.sample(new FixedRandom(Math.nextDown(1.0)))).isEqualTo(2);
    // The boundary between item 0 (6/11 of the mass) and item 1 belongs to item 1.
    assertThat(zipf.sample(new FixedRandom(Math.nextUp(6 / 11.0)))).isEqualTo(1);
    assertThat(new Zipf(1, 2.0).sample(new SplittableRandom(3))).isZero();
  }

  @Test
  void aCatalogueNeedsItemsAndANonNegativeExponent() {
    assertThatThrownBy(() -> new Zipf(0, 1.0)).hasMessageContaining("at least 1 item");
    assertThatThrownBy(() -> new Zipf(10, -0.5)).hasMessageContaining("exponent of at least 0");
  }

  /** A random generator whose nextDouble gives a value chosen by the test. */
  private record FixedRandom(double value) implements RandomGenerator {
    @Override
    public double nextDouble() {
      return value;
    }

    @Override
    public long nextLong() {
      throw new UnsupportedOperationException("only nextDouble is drawn");
    }
  }
}
