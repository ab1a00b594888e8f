package org.topolab.roles.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.ScenarioReport.RunResult;
import org.topolab.testkit.Scenarios;

/**
 * scenarios/updates.conf at its two smallest sizes: what its header and docs/updates.md say it
 * shows holds there (the largest sizes only make the same differences bigger).
 */
class UpdatesScenarioFileTest {

  private static final Path SCENARIO = Path.of("scenarios/updates.conf");

  private static RunResult run(ScenarioReport report, String variant, int nodes) {
    return report.runs().stream()
        .filter(run -> run.variant().equals(variant) && run.params().get("vars.nodes").asInt() == nodes)
        .findFirst()
        .orElseThrow();
  }

  private static JsonNode publisher(ScenarioReport report, String variant, int nodes) {
    return run(report, variant, nodes).group("publisher").get("publisher");
  }

  private static JsonNode readers(ScenarioReport report, String variant, int nodes) {
    return run(report, variant, nodes).group("readers").get("updates");
  }

  @Test
  void theServersLoadGrowsWithNWhileGossipsTimeGrowsAsTheRoundsTheorySays() {
    ScenarioReport report = Scenarios.run(SCENARIO, "sweep={\"vars.nodes\" = [100, 1000]}");
    assertThat(report.runs()).hasSize(8);
    for (String variant : new String[] {"push", "poll-1s", "poll-10s", "gossip"}) {
      for (int nodes : new int[] {100, 1000}) {
        JsonNode updates = readers(report, variant, nodes);
        assertThat(updates.get("released").asInt()).as(variant + " " + nodes).isEqualTo(2);
        assertThat(updates.get("reached").get("100").asInt()).as(variant + " " + nodes).isEqualTo(2);
      }
    }
    // Pushing and polling: N copies of each version leave the publisher.
    for (String variant : new String[] {"push", "poll-10s"}) {
      double small = publisher(report, variant, 100).get("bytes-per-update").asDouble();
      double large = publisher(report, variant, 1000).get("bytes-per-update").asDouble();
      assertThat(large / small).as(variant).isCloseTo(10.0, within(0.1));
    }
    // Gossip: one copy, whatever N.
    assertThat(publisher(report, "gossip", 1000).get("bytes-per-update").asDouble())
        .isEqualTo(publisher(report, "gossip", 100).get("bytes-per-update").asDouble());
    // Gossip's time to reach everyone grows with N, as the rounds theory does, and keeps near it.
    double previous = 0;
    for (int nodes : new int[] {100, 1000}) {
      JsonNode gossip = readers(report, "gossip", nodes);
      double measured = gossip.get("coverage-s").get("100").asDouble();
      double theory = gossip.get("theory").get("coverage-100-s").asDouble();
      assertThat(measured / theory).as("N = " + nodes).isBetween(0.8, 1.2);
      assertThat(measured).isGreaterThan(previous);
      previous = measured;
    }
    // Polling every 10 s: a version waits at most one interval, plus a round trip.
    assertThat(readers(report, "poll-10s", 1000).get("coverage-s").get("100").asDouble()).isBetween(9.0, 10.2);
  }
}
