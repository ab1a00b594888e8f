package org.topolab.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.topolab.metrics.Json;
import org.topolab.testing.ScenarioRuns;

/** In virtual time the same scenario and seed give the same report, byte for byte. */
class DeterminismTest {

  private static final Path SHIPPED = Path.of("scenarios/web-load-balanced.conf");

  /** The report as text, without the wall-clock fields, which alone may differ. */
  private static String withoutWallClock(ObjectNode report) throws Exception {
    for (JsonNode run : report.get("runs")) {
      ((ObjectNode) run.get("engine")).remove("wall-seconds");
    }
    return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report);
  }

  @Test
  void sameScenarioAndSeedGiveIdenticalReports() throws Exception {
    // Lossy links and random latency, load balancing and saturation: every source of randomness.
    String[] overrides = {"duration=20s", "network.loss=0.01", "groups.clients.arrival.distribution=poisson"};
    String first = withoutWallClock(ScenarioRuns.run(SHIPPED, overrides));
    String second = withoutWallClock(ScenarioRuns.run(SHIPPED, overrides));
    assertThat(second).isEqualTo(first);
    assertThat(first).contains("\"timeouts\"", "\"fingerprint\"");
  }

  @Test
  void aSwarmIsDeterministicToo() throws Exception {
    // Peers choose chunks, neighbours and unchoke slots at random; every draw comes from the seed.
    Path headline = Path.of("scenarios/file-distribution.conf");
    String[] overrides = {"sweep={\"groups.receivers.count\"=[30]}", "vars.file-size=5MB"};
    String first = withoutWallClock(ScenarioRuns.run(headline, overrides));
    assertThat(withoutWallClock(ScenarioRuns.run(headline, overrides))).isEqualTo(first);
    assertThat(withoutWallClock(ScenarioRuns.run(headline, overrides[0], overrides[1], "seed=7"))).isNotEqualTo(first);
  }

  @Test
  void anotherSeedGivesAnotherReport() throws Exception {
    String first = withoutWallClock(ScenarioRuns.run(SHIPPED, "duration=20s"));
    ObjectNode other = ScenarioRuns.run(SHIPPED, "duration=20s", "seed=43");
    assertThat(withoutWallClock(other)).isNotEqualTo(first);
    assertThat(fingerprint(other)).isNotEqualTo(fingerprint(ScenarioRuns.run(SHIPPED, "duration=20s")));
  }

  private static String fingerprint(ObjectNode report) {
    return report.get("runs").get(0).get("engine").get("fingerprint").asText();
  }
}
