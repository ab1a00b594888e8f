package org.topolab.roles.clientserver;

import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/** How a load balancer picks a backend for a request, by its strategy, among the backends it may use. */
final class BackendPicker {

  private final LoadBalancer.Strategy strategy;
  private final ConsistentHashRing ring;
  private final SplittableRandom random;
  private int next;

  /** Picks by {@code strategy}; {@code ring} serves consistent hashing, {@code random} the random strategy. */
  BackendPicker(LoadBalancer.Strategy strategy, ConsistentHashRing ring, SplittableRandom random) {
    this.strategy = strategy;
    this.ring = ring;
    this.random = random;
  }

  /**
   * The backend for a request for {@code key} among those that are {@code eligible}, given the
   * requests {@code outstanding} at each; -1 if none is eligible. With every backend eligible,
   * each strategy picks as if there were no health checks at all.
   */
  int pick(long key, int[] outstanding, IntPredicate eligible) {
    int backends = outstanding.length;
    switch (strategy) {
      case ROUND_ROBIN: {
        for (int i = 0; i < backends; i++) {
          int candidate = next;
          next = (next + 1) % backends;
          if (eligible.test(candidate)) {
            return candidate;
          }
        }
        return -1;
      }
      case RANDOM: {
        int count = 0;
        for (int backend = 0; backend < backends; backend++) {
          count += eligible.test(backend) ? 1 : 0;
        }
        if (count == 0) {
          return -1;
        }
        int pick = random.nextInt(count);
        for (int backend = 0; ; backend++) {
          if (eligible.test(backend) && pick-- == 0) {
            return backend;
          }
        }
      }
      case CONSISTENT_HASH:
        return ring.backendFor(key, eligible);
      case LEAST_OUTSTANDING:
      default: {
        // Scan from a rotating start so that ties do not all land on the first backend.
        next = (next + 1) % backends;
        int best = -1;
        for (int i = 0; i < backends; i++) {
          int candidate = (next + i) % backends;
          if (eligible.test(candidate) && (best < 0 || outstanding[candidate] < outstanding[best])) {
            best = candidate;
          }
        }
        return best;
      }
    }
  }
}
