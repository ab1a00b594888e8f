package org.topolab.node;

import java.util.SplittableRandom;

/**
 * Derives every random stream of a run from the scenario's seed, so the same seed gives the same
 * run. A node's streams depend only on the seed and its id, so variants and sweep points use the
 * same draws where they can (common random numbers make comparisons sharper).
 */
public final class Seeds {

  /** The stream a node's behaviour draws from. */
  public static final int BEHAVIOUR = 1;

  /** The stream the network draws a node's latencies and losses from. */
  public static final int NETWORK = 2;

  private Seeds() {}

  /** Random stream number {@code stream} of node {@code node}. */
  public static SplittableRandom forNode(long seed, int node, int stream) {
    return new SplittableRandom(mix(mix(seed) + node * 0x9E3779B97F4A7C15L + stream));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
