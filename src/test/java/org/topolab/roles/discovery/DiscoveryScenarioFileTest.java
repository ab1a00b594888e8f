package org.topolab.roles.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.Scenarios;

/**
 * scenarios/discovery.conf at its two smallest sizes: what its header and docs/discovery.md say it
 * shows holds there (the larger sizes make the same differences bigger).
 */
class DiscoveryScenarioFileTest {

  private static JsonNode lookups(ScenarioReport report, String variant, int nodes) {
    return report.runs().stream()
        .filter(run -> run.variant().equals(variant) && run.params().get("vars.nodes").asInt() == nodes)
        .findFirst()
        .orElseThrow()
        .group("peers")
        .get("lookups");
  }

  @Test
  void theDirectoryIsOneHopWithAHotSpotFloodingCostsTheSameAndFindsLessKademliaFindsAllAndSuperPeersLieBetween() {
    ScenarioReport report = Scenarios.run(Path.of("scenarios/discovery.conf"), "sweep={\"vars.nodes\" = [100, 1000]}");
    assertThat(report.runs()).hasSize(8);
    // The directory: one hop, a query and its answer; the index handles half of all messages, its load tenfold at ten times N.
    JsonNode directory = lookups(report, "directory", 1000);
    assertThat(directory.get("success-rate").asDouble()).isEqualTo(1.0);
    assertThat(directory.get("hops").get("max").asInt()).isEqualTo(1);
    assertThat(directory.get("messages-per-lookup").asDouble()).isEqualTo(2.0);
    assertThat(directory.get("load").get("busiest-share").asDouble()).isCloseTo(0.5, within(0.01));
    double load = directory.get("load").get("max-per-s").asDouble();
    assertThat(load / lookups(report, "directory", 100).get("load").get("max-per-s").asDouble()).isBetween(8.0, 12.0);
    // Its load beside theory's: about 1,000 lookups in the window, so within 10%.
    assertThat(load).isCloseTo(directory.get("theory").get("busiest-per-s").asDouble(), within(0.1 * load));
    // Flooding: at most the closed form's 160 query messages whatever N, and fewer lookups find a holder at the larger N.
    for (int nodes : new int[] {100, 1000}) {
      assertThat(lookups(report, "flooding", nodes).get("query-messages-per-lookup").asDouble()).isLessThanOrEqualTo(160.0);
    }
    assertThat(lookups(report, "flooding", 1000).get("success-rate").asDouble())
        .isLessThan(lookups(report, "flooding", 100).get("success-rate").asDouble() - 0.2);
    // Kademlia: every lookup finds its item, in more hops at the larger N, the load spread (no node near the index's half).
    JsonNode kademlia = lookups(report, "kademlia", 1000);
    assertThat(kademlia.get("success-rate").asDouble()).isEqualTo(1.0);
    assertThat(kademlia.get("hops").get("mean").asDouble()).isGreaterThan(lookups(report, "kademlia", 100).get("hops").get("mean").asDouble());
    assertThat(kademlia.get("load").get("busiest-share").asDouble()).isLessThan(0.05);
    // Super-peers: between the directory and flooding in messages, and finding more than flooding.
    JsonNode superPeers = lookups(report, "super-peers", 1000);
    assertThat(superPeers.get("messages-per-lookup").asDouble())
        .isGreaterThan(2.0).isLessThan(lookups(report, "flooding", 1000).get("messages-per-lookup").asDouble());
    assertThat(superPeers.get("success-rate").asDouble()).isGreaterThan(lookups(report, "flooding", 1000).get("success-rate").asDouble());
  }
}
