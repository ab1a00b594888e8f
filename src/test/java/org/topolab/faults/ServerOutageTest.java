package org.topolab.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.Scenarios;

/** A single server's outage: its clients' availability drops to about 0 while it is down, and back after. */
class ServerOutageTest {

  // 50 clients each send 2 requests a second to one server; it crashes at 20 s and restarts at 30 s.
  private static final String SCENARIO = """
      seed = 7
      duration = 60s
      warmup = 5s
      metrics.interval = 1s
      network.latency = 1ms
      groups {
        server { role = server, workers = 4, service-time = 5ms }
        clients {
          role = client, count = 50, target = server, timeout = 1s
          arrival { distribution = poisson, rate = 2/s }
        }
      }
      faults = [ { at = 20s, kind = crash, node = server, for = 10s } ]
      """;

  @Test
  void availabilityDropsToAboutZeroForTheOutageAndRecovers() {
    ScenarioReport report = Scenarios.run(SCENARIO);
    JsonNode clients = report.run(0).group("clients");
    JsonNode series = clients.get("series").get("availability");
    for (int second = 5; second < 60; second++) {
      double availability = series.get(second).asDouble();
      if (second >= 20 && second < 30) {
        assertThat(availability).as("second %d, server down", second).isZero();
      } else if (second == 19) {
        // Requests still in flight at the crash (sent in its last 2 ms or so, or queued) are lost with it.
        assertThat(availability).as("second %d, just before the crash", second).isBetween(0.9, 1.0);
      } else {
        assertThat(availability).as("second %d, server up", second).isEqualTo(1.0);
      }
    }
    // 10 s of 55 s measured: about 45/55 succeed; during the fault (10 s), none.
    JsonNode requests = clients.get("requests");
    assertThat(requests.get("availability").asDouble()).isCloseTo(45.0 / 55, within(0.02));
    assertThat(requests.get("availability-during-faults").asDouble()).isZero();
    JsonNode fault = report.run(0).json().get("faults").get(0);
    assertThat(fault.get("kind").asText()).isEqualTo("crash");
    assertThat(fault.get("target").asText()).isEqualTo("server");
    assertThat(fault.get("time").asDouble()).isEqualTo(20.0);
    assertThat(fault.get("end").asDouble()).isEqualTo(30.0);
    // Back at the first interval after the restart: 10 s after the crash.
    assertThat(fault.get("recovery-s").asDouble()).isEqualTo(10.0);
  }

  @Test
  void withoutARestartItNeverRecovers() {
    ScenarioReport report = Scenarios.run(SCENARIO.replace(", for = 10s", ""));
    JsonNode fault = report.run(0).json().get("faults").get(0);
    assertThat(fault.get("end").isNull()).isTrue();
    assertThat(fault.get("recovery-s").isNull()).isTrue();
    assertThat(report.run(0).group("clients").get("requests").get("availability-during-faults").asDouble()).isZero();
  }

  @Test
  void withoutFaultsAvailabilityDuringFaultsIsNull() {
    ScenarioReport report = Scenarios.run(SCENARIO.replace("faults = [ { at = 20s, kind = crash, node = server, for = 10s } ]", ""));
    JsonNode requests = report.run(0).group("clients").get("requests");
    assertThat(requests.get("availability").asDouble()).isEqualTo(1.0);
    assertThat(requests.get("availability-during-faults").isNull()).isTrue();
    assertThat(report.run(0).json().get("faults")).isEmpty();
  }

  @Test
  void theSameFaultsGiveTheSameReportInOneAndTwoPartitions() {
    assertThat(Scenarios.inPartitions(2).report(SCENARIO).reproducible()).isEqualTo(Scenarios.run(SCENARIO).reproducible());
  }
}
