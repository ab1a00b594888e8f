package org.topolab.distribution;

import java.util.random.RandomGenerator;

/**
 * A probability distribution of a non-negative quantity (nanoseconds for times, bytes for sizes).
 *
 * <p>Draws use {@link StrictMath} so that the same seed gives the same values on every JVM.
 */
public sealed interface Distribution {

  /** One draw, never negative. */
  double sample(RandomGenerator random);

  /** The mean of the distribution (infinite for a Pareto shape of 1 or less). */
  double mean();

  /**
   * A value no draw falls below: 0 unless the distribution has a positive minimum (constant,
   * uniform, Pareto). A run split into partitions uses the network latency's as its lookahead.
   */
  default double lowerBound() {
    return 0;
  }

  /** Draws a whole number of units, rounding to the nearest. */
  default long sampleLong(RandomGenerator random) {
    return Math.round(sample(random));
  }

  /** Always {@code value}. */
  record Constant(double value) implements Distribution {
    @Override
    public double sample(RandomGenerator random) {
      return value;
    }

    @Override
    public double mean() {
      return value;
    }

    @Override
    public double lowerBound() {
      return value;
    }
  }

  /** Uniform on [min, max). */
  record Uniform(double min, double max) implements Distribution {
    @Override
    public double sample(RandomGenerator random) {
      return min + (max - min) * random.nextDouble();
    }

    @Override
    public double mean() {
      return (min + max) / 2;
    }

    @Override
    public double lowerBound() {
      return min;
    }
  }

  /** Exponential with the given mean: the gaps of a Poisson process, memoryless service. */
  record Exponential(double mean) implements Distribution {
    @Override
    public double sample(RandomGenerator random) {
      return -mean * StrictMath.log(1.0 - random.nextDouble());
    }
  }

  /** Normal, cut at zero (a negative draw is drawn again). */
  record Normal(double mean, double stddev) implements Distribution {
    @Override
    public double sample(RandomGenerator random) {
      while (true) {
        double value = mean + stddev * gaussian(random);
        if (value >= 0) {
          return value;
        }
      }
    }
  }

  /** Log-normal, given by the mean and standard deviation of the values themselves. */
  record LogNormal(double mean, double stddev) implements Distribution {
    @Override
    public double sample(RandomGenerator random) {
      double variance = StrictMath.log(1 + (stddev * stddev) / (mean * mean));
      double mu = StrictMath.log(mean) - variance / 2;
      return StrictMath.exp(mu + StrictMath.sqrt(variance) * gaussian(random));
    }
  }

  /** Pareto with scale {@code min} (the smallest value) and shape alpha: a heavy tail. */
  record Pareto(double min, double shape) implements Distribution {
    @Override
    public double sample(RandomGenerator random) {
      return min / StrictMath.pow(1.0 - random.nextDouble(), 1.0 / shape);
    }

    @Override
    public double mean() {
      return shape <= 1 ? Double.POSITIVE_INFINITY : shape * min / (shape - 1);
    }

    @Override
    public double lowerBound() {
      return min;
    }
  }

  /**
   * Weibull with the given shape k and mean: a shape below 1 gives many short values and a few very
   * long ones (measured peer session lengths have shapes of about 0.3 to 0.8), 1 is exponential.
   */
  record Weibull(double shape, double mean) implements Distribution {
    @Override
    public double sample(RandomGenerator random) {
      return scale() * StrictMath.pow(-StrictMath.log(1.0 - random.nextDouble()), 1.0 / shape);
    }

    /** The scale lambda that gives this mean: mean / Gamma(1 + 1/k). */
    public double scale() {
      return mean / gamma(1 + 1 / shape);
    }

    /** The Weibull of shape k and scale lambda, as measurements are usually fitted. */
    public static Weibull ofScale(double shape, double scale) {
      return new Weibull(shape, scale * gamma(1 + 1 / shape));
    }
  }

  /** The gamma function for x above 0.5, by Lanczos's approximation (g = 7, 9 terms): 15 digits. */
  static double gamma(double x) {
    double[] c = {
      0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
      12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
    };
    double z = x - 1;
    double sum = c[0];
    for (int i = 1; i < c.length; i++) {
      sum += c[i] / (z + i);
    }
    double t = z + 7.5;
    return StrictMath.sqrt(2 * StrictMath.PI) * StrictMath.pow(t, z + 0.5) * StrictMath.exp(-t) * sum;
  }

  /** A standard normal draw by the Box-Muller transform, reproducible across JVMs. */
  private static double gaussian(RandomGenerator random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
  }
}
