package org.topolab.roles.clientserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.Scenarios;

/**
 * scenarios/server-crash.conf: a server down from 20 s to 40 s takes a lone server's service down
 * with it, while replicas behind a health-checking, failing-over load balancer keep it up.
 */
class ServerCrashScenarioTest {

  private static final Path SCENARIO = Path.of("scenarios/server-crash.conf");

  private static JsonNode clients(ScenarioReport report, String variant) {
    return report.run(variant).group("clients");
  }

  @Test
  void aLoneServersOutageTakesAvailabilityToZeroWhileReplicasKeepItAbove99Percent() {
    ScenarioReport report = Scenarios.run(SCENARIO);
    // Alone: no request sent during the outage is answered, except those whose retries outlast it.
    // The series goes by the second a request was first sent; a request's three attempts (2 s each,
    // 200 and 400 ms of back-off at most between them) span 6.6 s, so one sent before 33.4 s ends
    // before the server restarts at 40 s.
    JsonNode alone = clients(report, "one-server").get("series").get("availability");
    for (int second = 20; second < 33; second++) {
      assertThat(alone.get(second).asDouble()).as("second %d", second).isLessThan(0.01);
    }
    assertThat(clients(report, "one-server").get("requests").get("availability").asDouble()).isLessThan(0.8);
    // Replicas: the failover and the health checks keep nearly every request answered.
    JsonNode replicas = clients(report, "replicas");
    assertThat(replicas.get("requests").get("availability-during-faults").asDouble()).isGreaterThan(0.99);
    JsonNode series = replicas.get("series").get("availability");
    for (int second = 20; second < 40; second++) {
      assertThat(series.get(second).asDouble()).as("second %d", second).isGreaterThan(0.95);
    }
    JsonNode balancer = report.run("replicas").group("balancer");
    assertThat(balancer.get("backends-down").asLong()).isEqualTo(1);
    assertThat(balancer.get("backends-up").asLong()).isEqualTo(1);
    assertThat(balancer.get("failovers").asLong()).isPositive();
    // Without checks, failover and retries, the requests sent to the dead replica (a third) fail.
    assertThat(clients(report, "unprotected").get("requests").get("availability-during-faults").asDouble())
        .isCloseTo(2.0 / 3, within(0.02));
  }

  @Test
  void theSameCrashGivesTheSameReportInOneAndTwoPartitions() {
    assertThat(Scenarios.inPartitions(2).report(SCENARIO).reproducible()).isEqualTo(Scenarios.run(SCENARIO).reproducible());
  }
}
