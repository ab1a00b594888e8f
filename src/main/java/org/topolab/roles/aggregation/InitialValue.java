package org.topolab.roles.aggregation;

import java.util.random.RandomGenerator;
import org.topolab.distribution.Distribution;

/** What each node of an averaging group holds before any exchange: the role's {@code value} key. */
public sealed interface InitialValue {

  /** The value of the group's node number {@code index} (from 0) of {@code count}, drawing from {@code random} if needed. */
  double of(int index, int count, RandomGenerator random);

  /** {@code linear}: node k of the group (from 1) holds k, as PeerSim's LinearDistribution from 1 to N. */
  record Linear() implements InitialValue {
    @Override
    public double of(int index, int count, RandomGenerator random) {
      return index + 1;
    }
  }

  /** {@code peak}: the group's first node holds N, the others 0, so the mean is 1. */
  record Peak() implements InitialValue {
    @Override
    public double of(int index, int count, RandomGenerator random) {
      return index == 0 ? count : 0;
    }
  }

  /** A number, or a distribution that each node draws its value from. */
  record Drawn(Distribution distribution) implements InitialValue {
    @Override
    public double of(int index, int count, RandomGenerator random) {
      return distribution.sample(random);
    }
  }
}
