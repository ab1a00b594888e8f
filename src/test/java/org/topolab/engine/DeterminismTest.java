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
    assertThat(first).contains("\"timeouts\"");
  }

  @Test
  void anotherSeedGivesAnotherReport() throws Exception {
    String first = withoutWallClock(ScenarioRuns.run(SHIPPED, "duration=20s"));
    String other = withoutWallClock(ScenarioRuns.run(SHIPPED, "duration=20s", "seed=43"));
    assertThat(other).isNotEqualTo(first);
  }
}
