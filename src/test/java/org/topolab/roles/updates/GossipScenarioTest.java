package org.topolab.roles.updates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.Scenarios;

/** scenarios/gossip.conf, run whole: a publisher hands each version to one gossip node. */
class GossipScenarioTest {

  private static final Path SCENARIO = Path.of("scenarios/gossip.conf");

  private static JsonNode updates(ScenarioReport report, String variant) {
    return report.run(variant).group("peers").get("updates");
  }

  @Test
  void everyVariantSpreadsTheVersionsAndPushPullKeepsToItsTheory() {
    ScenarioReport report = Scenarios.run(SCENARIO, "vars.nodes=1000");
    for (String variant : new String[] {"push-pull", "push", "pull", "no-digests", "random-phase", "rumour-anti-entropy", "cyclon"}) {
      JsonNode updates = updates(report, variant);
      assertThat(updates.get("released").asInt()).as(variant).isEqualTo(3);
      assertThat(updates.get("reached").get("100").asInt()).as(variant).isEqualTo(3);
    }
    JsonNode pushPull = updates(report, "push-pull");
    double theory = pushPull.get("theory").get("coverage-100-s").asDouble();
    assertThat(pushPull.get("coverage-s").get("100").asDouble() / theory).isBetween(0.8, 1.2);
    assertThat(updates(report, "rumour").get("theory").isNull()).isTrue();
  }

  @Test
  void oneAndTwoPartitionsGiveTheSameReport() throws Exception {
    String[] overrides = {"vars.nodes=500", "duration=60s", "groups.publisher.release-times=[5.1s, 30.1s]"};
    ObjectNode one = Scenarios.run(SCENARIO, overrides).reproducible();
    ScenarioReport split = Scenarios.inPartitions(2).report(SCENARIO, overrides);
    assertThat(split.run(0).engine().get("partitions").asInt()).isEqualTo(2);
    assertThat(split.reproducible()).isEqualTo(one);
  }
}
