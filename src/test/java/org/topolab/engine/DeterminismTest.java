package org.topolab.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.topolab.metrics.Json;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.Scenarios;

/**
 * In virtual time the same scenario and seed give the same report, byte for byte, and so does the
 * same run split into partitions: the events of every partition keep their canonical order and the
 * partitions' metrics merge exactly.
 */
class DeterminismTest {

  private static final Path ONE_SERVER = Path.of("scenarios/web-one-server.conf");
  private static final Path BALANCED = Path.of("scenarios/web-load-balanced.conf");
  private static final Path HEADLINE = Path.of("scenarios/file-distribution.conf");

  /** The report as text, without the fields that depend on the wall clock or the layout. */
  private static String comparable(ScenarioReport report) throws Exception {
    ObjectNode json = report.json().deepCopy();
    for (JsonNode run : json.get("runs")) {
      ((ObjectNode) run.get("engine")).remove(List.of("wall-seconds", "spawn-seconds", "partitions", "members"));
    }
    return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
  }

  private static String fingerprint(ScenarioReport report) {
    return report.run(0).engine().get("fingerprint").asText();
  }

  @Test
  void sameScenarioAndSeedGiveIdenticalReports() throws Exception {
    // Lossy links and random latency, load balancing and saturation: every source of randomness.
    String[] overrides = {"duration=20s", "network.loss=0.01", "groups.clients.arrival.distribution=poisson"};
    String first = comparable(Scenarios.run(BALANCED, overrides));
    String second = comparable(Scenarios.run(BALANCED, overrides));
    assertThat(second).isEqualTo(first);
    assertThat(first).contains("\"timeouts\"", "\"fingerprint\"");
  }

  @Test
  void aSwarmIsDeterministicToo() throws Exception {
    // Peers choose chunks, neighbours and unchoke slots at random; every draw comes from the seed.
    String[] overrides = {"sweep={\"groups.receivers.count\"=[30]}", "vars.file-size=5MB"};
    String first = comparable(Scenarios.run(HEADLINE, overrides));
    assertThat(comparable(Scenarios.run(HEADLINE, overrides))).isEqualTo(first);
    assertThat(comparable(Scenarios.run(HEADLINE, overrides[0], overrides[1], "seed=7"))).isNotEqualTo(first);
  }

  @Test
  void anotherSeedGivesAnotherReport() throws Exception {
    ScenarioReport first = Scenarios.run(BALANCED, "duration=20s");
    ScenarioReport other = Scenarios.run(BALANCED, "duration=20s", "seed=43");
    assertThat(comparable(other)).isNotEqualTo(comparable(first));
    assertThat(fingerprint(other)).isNotEqualTo(fingerprint(first));
  }

  @Test
  void oneServerGivesTheSameReportInOneTwoAndFourPartitions() throws Exception {
    // Saturated and lossy: queues, rejections and timeouts all depend on the order of events.
    String[] overrides = {"duration=15s", "network.loss=0.01", "sweep={\"groups.clients.count\"=[180, 400]}"};
    assertSameInPartitions(ONE_SERVER, overrides);
  }

  @Test
  void aLoadBalancedPoolGivesTheSameReportInOneTwoAndFourPartitions() throws Exception {
    String[] overrides = {"duration=15s", "sweep={\"groups.clients.count\"=[400]}"};
    assertSameInPartitions(BALANCED, overrides);
  }

  @Test
  void aSwarmGivesTheSameReportInOneTwoAndFourPartitions() throws Exception {
    String[] overrides = {"sweep={\"groups.receivers.count\"=[30]}", "vars.file-size=5MB"};
    assertSameInPartitions(HEADLINE, overrides);
  }

  private static void assertSameInPartitions(Path scenario, String... overrides) throws Exception {
    ScenarioReport one = Scenarios.run(scenario, overrides);
    String expected = comparable(one);
    for (int partitions : new int[] {2, 4}) {
      ScenarioReport split = Scenarios.inPartitions(partitions).report(scenario, overrides);
      assertThat(comparable(split)).as("%d partitions", partitions).isEqualTo(expected);
      assertThat(split.run(0).engine().get("partitions").asInt()).isEqualTo(partitions);
    }
    assertThat(one.run(0).engine().get("events").asLong()).isPositive();
  }
}
