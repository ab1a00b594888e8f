package org.topolab.roles.updates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Rumour mongering (push, a node stops after {@code stop-after} contacts that had the version
 * already, told so by the peer) leaves some nodes without the version, and anti-entropy repairs
 * that. N = 2,000, synchronous rounds of 1 s on a 1 ms network.
 */
class RumourMongeringTest {

  private static final int NODES = 2_000;
  private static final int VERSIONS = 5;

  /**
   * The residue s that Demers et al. (1987) derive for rumour mongering with feedback: s =
   * e^(-(k+1)(1-s)), solved by iteration. They derive it for the variant that stops with
   * probability 1/k at each useless contact; a simulation of synchronous rounds showed that it
   * holds for the counter too when, as here, a push whose content arrives second in a round counts
   * as useless (0.201, 0.060, 0.019 for k = 1, 2, 3 against 0.203, 0.060, 0.020).
   */
  private static double demers(int k) {
    double s = 0.5;
    for (int i = 0; i < 200; i++) {
      s = Math.exp(-(k + 1) * (1 - s));
    }
    return s;
  }

  /** The mean fraction of nodes that never got a version, over {@link #VERSIONS} versions, once each rumour died out. */
  private static double residue(int stopAfter) {
    try (GossipGroup group = new GossipGroup(NODES, "mode = push, stop-after = " + stopAfter, 11)) {
      double missed = 0;
      for (int v = 1; v <= VERSIONS; v++) {
        double start = 40.0 * (v - 1);
        group.advanceTo(start + 1.01);
        group.release(v * 397 % NODES);
        // 40 rounds: the rumour dies out in fewer than 30 at this size.
        group.advanceTo(start + 40.5);
        missed += NODES - group.holders(v);
      }
      return missed / NODES / VERSIONS;
    }
  }

  @Test
  void theResidueFollowsDemersFormulaAndShrinksAsNodesPersistLonger() {
    double previous = 1;
    for (int k = 1; k <= 3; k++) {
      double residue = residue(k);
      assertThat(residue).as("residue with stop-after = %d", k).isBetween(0.8 * demers(k), 1.2 * demers(k)).isLessThan(previous);
      previous = residue;
    }
  }

  @Test
  void antiEntropyRepairsWhatRumourMongeringMissed() {
    try (GossipGroup group = new GossipGroup(NODES, "mode = push, stop-after = 1, anti-entropy = 5s", 11)) {
      group.advanceTo(1.01);
      group.release(0);
      group.advanceTo(120.5);
      assertThat(group.holders(1)).isEqualTo(NODES);
      JsonNode updates = group.updates();
      assertThat(updates.get("reached").get("100").asInt()).isOne();
      assertThat(updates.get("theory").isNull()).isTrue();
    }
  }
}
