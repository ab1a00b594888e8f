package org.topolab.roles.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.Scenarios;

/** scenarios/swarm-churn.conf and scenarios/tracker-dies.conf: the swarm completes despite its faults. */
class SwarmFaultScenariosTest {

  private static final Path CHURN = Path.of("scenarios/swarm-churn.conf");
  private static final Path TRACKER_DIES = Path.of("scenarios/tracker-dies.conf");

  private static JsonNode downloads(ScenarioReport report, String variant, String group) {
    return report.run(variant).group(group).get("downloads");
  }

  @Test
  void theSwarmCompletesDespiteChurn() {
    ScenarioReport report = Scenarios.run(CHURN);
    JsonNode downloads = downloads(report, "default", "peers");
    assertThat(downloads.get("completed").asInt()).isEqualTo(50);
    assertThat(downloads.get("incomplete").asInt()).isZero();
    assertThat(downloads.get("neighbours-lost").asLong()).isPositive();
    // 15 peers (30%) crash, many of them more than once.
    Set<String> churned = new HashSet<>();
    for (JsonNode fault : report.run("default").json().get("faults")) {
      assertThat(fault.get("kind").asText()).isEqualTo("crash");
      churned.add(fault.get("target").asText());
    }
    assertThat(churned).hasSize(15);
    assertThat(report.run("default").json().get("faults").size()).isGreaterThan(15);
    // What churn costs: the swarm holds the file later than without it (a restarted peer's time
    // counts from its restart, so it is the series of completions that shows it).
    ScenarioReport calm = Scenarios.run(CHURN, "groups.peers.churn.fraction=0");
    assertThat(downloads(calm, "default", "peers").get("completed").asInt()).isEqualTo(50);
    assertThat(secondAllHold(report)).isGreaterThan(secondAllHold(calm) + 10);
  }

  /** The first second at whose end every peer had completed. */
  private static int secondAllHold(ScenarioReport report) {
    JsonNode completed = report.run("default").group("peers").get("series").get("completed");
    for (int second = 0; second < completed.size(); second++) {
      if (completed.get(second).asInt() == 50) {
        return second;
      }
    }
    return Integer.MAX_VALUE;
  }

  @Test
  void churnGivesTheSameReportInOneAndTwoPartitions() {
    assertThat(Scenarios.inPartitions(2).report(CHURN).reproducible()).isEqualTo(Scenarios.run(CHURN).reproducible());
  }

  @Test
  void theSwarmCompletesAfterTheTrackerDiesAndPeerExchangeFindsNewNeighbours() {
    ScenarioReport report = Scenarios.run(TRACKER_DIES);
    for (String variant : new String[] {"pex", "no-pex"}) {
      for (String group : new String[] {"first-wave", "second-wave"}) {
        assertThat(downloads(report, variant, group).get("completed").asInt()).as(variant + " " + group).isEqualTo(30);
      }
    }
    JsonNode withPex = downloads(report, "pex", "first-wave");
    JsonNode withoutPex = downloads(report, "no-pex", "first-wave");
    // The tracker was asked in vain; peer exchange found neighbours instead, and the last of the
    // first wave, whose neighbours had left, finished sooner for it.
    assertThat(withPex.get("resent-control").asLong()).isPositive();
    assertThat(withPex.get("neighbours-from-pex").asLong()).isPositive();
    assertThat(withoutPex.get("neighbours-from-pex").asLong()).isZero();
    assertThat(withPex.get("time-s").get("max").asDouble()).isLessThan(withoutPex.get("time-s").get("max").asDouble());
    JsonNode crash = report.run("pex").json().get("faults").get(0);
    assertThat(crash.get("target").asText()).isEqualTo("tracker");
    assertThat(crash.get("end").isNull()).isTrue();
  }
}
