package org.topolab.roles.updates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.topolab.metrics.Json;

/**
 * The expected number of synchronous rounds until every one of N nodes has a version that started
 * at one of them, when every node contacts one peer drawn uniformly from the whole group each round
 * and keeps spreading for ever:
 *
 * <ul>
 *   <li>push: log2 N + ln N (Frieze and Grimmett 1985, Pittel 1987): the informed double each round
 *       at first, and the last ones are found as in coupon collecting;
 *   <li>push-pull: log3 N + log2 ln N, a concrete form of Karp et al.'s log3 N + O(log log N)
 *       (2000): the informed triple each round at first (each pushes to one node and is pulled from
 *       by one on average), then the uninformed fraction u falls to u^2/e per round (an uninformed
 *       node stays so if the peer it pulls from is uninformed, u, and no one pushes to it, 1/e),
 *       which takes log2 ln N rounds from u near 1 to 1/N;
 *   <li>pull: log2 N + log2 log2 N: the informed double each round at first (each is pulled from by
 *       one node on average), then u falls to u^2, which takes log2 log2 N rounds from u = 1/2 to
 *       1/N.
 * </ul>
 *
 * <p>Each formula leaves out a term of order one; the fidelity tests give how far the measured
 * rounds lie from them. At least one round is always needed.
 *
 * @param model the mode the formula is for
 * @param formula the formula, as text
 * @param rounds rounds until every node has the version
 * @param periodNanos length of a round
 */
public record GossipTheory(String model, String formula, double rounds, long periodNanos) {

  /**
   * The theory for a group of {@code nodes} that gossips as {@code spec} says; null where none
   * applies: more than one peer per round, a Cyclon view, rumour mongering or anti-entropy.
   */
  public static GossipTheory of(GossipSpec spec, int nodes) {
    if (spec.fanout() != 1 || spec.view() != null || spec.rumourMongering() || spec.antiEntropyNanos() > 0) {
      return null;
    }
    double ln = Math.log(nodes);
    double log2 = ln / Math.log(2);
    double log3 = ln / Math.log(3);
    return switch (spec.mode()) {
      case PUSH -> new GossipTheory("push", "log2 N + ln N", atLeastOne(log2 + ln), spec.periodNanos());
      case PUSH_PULL -> new GossipTheory("push-pull", "log3 N + log2 ln N", atLeastOne(log3 + log2(ln)), spec.periodNanos());
      case PULL -> new GossipTheory("pull", "log2 N + log2 log2 N", atLeastOne(log2 + log2(log2)), spec.periodNanos());
    };
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  /**
   * Simulated time until every node has the version, in seconds: the rounds times the period. It
   * is the time from a release just after a round boundary (a release at a whole multiple of the
   * period, with rounds timing), which waits a whole period for its first round.
   */
  public double coverageSeconds() {
    return rounds * periodNanos / 1e9;
  }

  /** Writes {@code theory} into {@code updates}: model, formula, rounds-100, coverage-100-s; null if none applies. */
  public static void write(ObjectNode updates, GossipTheory theory) {
    if (theory == null) {
      updates.putNull("theory");
      return;
    }
    ObjectNode out = updates.putObject("theory");
    out.put("model", theory.model);
    out.put("formula", theory.formula);
    out.put("rounds-100", Json.round(theory.rounds, 2));
    out.put("coverage-100-s", Json.round(theory.coverageSeconds(), 3));
  }

  private static double atLeastOne(double rounds) {
    return Math.max(1, rounds);
  }
}
