package com.example.ping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.Scenarios;

/** The example scenario run whole, in virtual time, as {@code topolab run} would run it. */
class PingRoleTest {

  private static final Path SCENARIO = Path.of("scenarios/ping.conf");

  @Test
  void everyPingOfTheWindowIsAnsweredOrLostAndNoRoundTripBeatsTheLatency() {
    ScenarioReport report = Scenarios.run(SCENARIO);

    assertThat(report.runs()).extracting(ScenarioReport.RunResult::variant).containsExactly("default", "lossy");
    for (ScenarioReport.RunResult run : report.runs()) {
      for (String site : new String[] {"europe", "america"}) {
        JsonNode group = run.group(site);
        JsonNode pings = group.get("pings");
        assertThat(group.get("role").asText()).isEqualTo("ping");
        assertThat(pings.get("sent").asLong()).isPositive();
        assertThat(pings.get("answered").asLong() + pings.get("lost").asLong()).isEqualTo(pings.get("sent").asLong());
        // Both sites' access latencies, both ways, plus at least 1 ms of network latency each way.
        assertThat(group.get("rtt-ms").get("mean").asDouble()).isGreaterThanOrEqualTo(152.0);
      }
    }
  }

  @Test
  void theLossyVariantLosesPingsAndTheCleanOneNone() {
    ScenarioReport report = Scenarios.run(SCENARIO);

    JsonNode clean = report.run("default").group("europe");
    JsonNode lossy = report.run("lossy").group("europe");
    assertThat(clean.get("pings").get("lost").asLong()).isZero();
    assertThat(clean.get("dropped").asLong()).isZero();
    assertThat(lossy.get("pings").get("lost").asLong()).isPositive();
    assertThat(lossy.get("dropped").asLong()).isPositive();
  }

  @Test
  void overridesChangeTheScenarioAsSetDoesOnTheCommandLine() {
    ScenarioReport report = Scenarios.run(SCENARIO, "network.loss=0.5");

    JsonNode pings = report.run("default").group("america").get("pings");
    // A ping and its echo both get through a quarter of the time.
    assertThat(pings.get("answered").asDouble() / pings.get("sent").asDouble()).isBetween(0.1, 0.4);
  }

  @Test
  void aGroupThatPingsItselfNeedsTwoNodes() {
    String scenario =
        """
        name = "Alone"
        duration = 10s
        groups {
          lonely { role = ping, count = 1, target = lonely }
        }
        """;

    assertThatThrownBy(() -> Scenarios.run(scenario))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("groups.lonely.target: a group that pings itself needs at least 2 nodes");
  }
}
