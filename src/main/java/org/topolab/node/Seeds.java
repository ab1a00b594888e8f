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

  /** The stream a churning node's session lengths and downtimes are drawn from. */
  public static final int CHURN = 3;

  // Incarnation n > 0 of a node (its n-th restart) draws from stream RESTARTS + n.
  private static final int RESTARTS = 1000;

  private Seeds() {}

  /** Random stream number {@code stream} of node {@code node}. */
  public static SplittableRandom forNode(long seed, int node, int stream) {
    return new SplittableRandom(mix(mix(seed) + node * 0x9E3779B97F4A7C15L + stream));
  }

  /** The behaviour stream of incarnation {@code incarnation} of node {@code node}: 0 is the first, each restart the next. */
  public static SplittableRandom forIncarnation(long seed, int node, int incarnation) {
    return forNode(seed, node, incarnation == 0 ? BEHAVIOUR : RESTARTS + incarnation);
  }

  /** Random stream number {@code index} of the run as a whole, for draws no node owns (which nodes a fault hits). */
  public static SplittableRandom forRun(long seed, long index) {
    return new SplittableRandom(mix(mix(mix(seed) ^ 0x5851F42D4C957F2DL) + index));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
