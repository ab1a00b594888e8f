package org.topolab.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.Scenarios;

/** How a swarm counts peers that crash and restart: each peer once, at its first completion. */
class SwarmChurnCountTest {

  private static final String SWARM = """
      seed = 3
      duration = 120s
      metrics.interval = 1s
      network.latency = 10ms
      groups {
        origin { role = file-server, link { up = 20Mbps, down = 20Mbps }, file-size = 4MB, chunk-size = 256KiB }
        tracker { role = tracker }
        peers {
          role = peer, count = 10, source = origin, tracker = tracker
          link { up = 10Mbps, down = 20Mbps }
        }
      }
      """;

  @Test
  void aPeerThatCompletesTwiceCountsOnceAndACrashMidwayStartsOver() {
    // peers-3 crashes midway and comes back 5 s later; peers-5, done by 60 s, is restarted and downloads again.
    ScenarioReport report = Scenarios.run(SWARM + """
        faults = [
          { at = 1s, kind = crash, node = peers-3, for = 5s }
          { at = 60s, kind = restart, node = peers-5 }
        ]
        """);
    JsonNode downloads = report.run(0).group("peers").get("downloads");
    assertThat(downloads.get("completed").asInt()).isEqualTo(10);
    assertThat(downloads.get("incomplete").asInt()).isZero();
    JsonNode completed = report.run(0).group("peers").get("series").get("completed");
    assertThat(completed.get(completed.size() - 1).asInt()).isEqualTo(10);
    // The restarted peers-5 did download the file again after 60 s.
    JsonNode throughput = report.run(0).group("peers").get("series").get("throughput-mbps");
    double after = 0;
    for (int second = 60; second < throughput.size(); second++) {
      after += throughput.get(second).asDouble();
    }
    assertThat(after).as("megabits received after 60 s").isGreaterThan(30);
    // The crashed peer started over at 6 s: it cannot have finished before then.
    assertThat(completed.get(5).asInt()).isLessThan(10);
  }

  @Test
  void aPeerThatNeverComesBackIsIncomplete() {
    ScenarioReport report = Scenarios.run(SWARM + "faults = [ { at = 1s, kind = crash, node = peers-3 } ]\n");
    JsonNode downloads = report.run(0).group("peers").get("downloads");
    assertThat(downloads.get("completed").asInt()).isEqualTo(9);
    assertThat(downloads.get("incomplete").asInt()).isEqualTo(1);
  }
}
