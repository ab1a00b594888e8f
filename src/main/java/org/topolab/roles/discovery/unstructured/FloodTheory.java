package org.topolab.roles.discovery.unstructured;

/**
 * How many messages a flood sends, on the tree-like approximation of a random regular graph: the
 * origin sends its d neighbours the query, and each node that receives it passes it on to its d -
 * 1 other neighbours while the TTL lasts, so hop h carries d (d - 1)^(h - 1) messages and a flood
 * of TTL t sends d ((d - 1)^t - 1) / (d - 2) in all (d t for d = 2). Exact while no node is reached
 * twice, which holds while d (d - 1)^(t - 1) is small beside the number of nodes; past that,
 * duplicates are dropped and the flood sends fewer.
 */
final class FloodTheory {

  private FloodTheory() {}

  /** The query messages of a flood of TTL {@code ttl} on a graph of degree {@code degree}. */
  static double messages(int degree, int ttl) {
    double total = 0;
    double level = degree;
    for (int hop = 1; hop <= ttl; hop++) {
      total += level;
      level *= degree - 1;
    }
    return total;
  }

  /** The closed form, as report.json's {@code theory.formula} gives it. */
  static String formula(int degree, int ttl) {
    return "d ((d - 1)^ttl - 1) / (d - 2) query messages per flood, d = " + degree + ", ttl = " + ttl
        + " (no node reached twice)";
  }
}
