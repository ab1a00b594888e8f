package org.topolab.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.Scenarios;

/** The examples of docs/faults.md run, and give the numbers it quotes. */
class FaultsDocTest {

  private static List<String> hoconBlocks() throws Exception {
    String doc = Files.readString(Path.of("docs/faults.md"));
    Matcher block = Pattern.compile("```hocon\n(.*?)```", Pattern.DOTALL).matcher(doc);
    List<String> blocks = new ArrayList<>();
    while (block.find()) {
      blocks.add(block.group(1));
    }
    return blocks;
  }

  @Test
  void theServerOutageGivesTheQuotedNumbers() throws Exception {
    ScenarioReport report = Scenarios.run(hoconBlocks().get(0));
    JsonNode requests = report.run(0).group("clients").get("requests");
    assertThat(requests.get("availability").asDouble()).isCloseTo(0.814, within(0.0005));
    assertThat(requests.get("availability-during-faults").asDouble()).isZero();
    assertThat(report.run(0).json().get("faults").get(0).get("recovery-s").asDouble()).isEqualTo(10.0);
  }

  @Test
  void everyFaultOfTheListChecksOutAndRuns() throws Exception {
    List<String> blocks = hoconBlocks();
    String withPeers = blocks.get(0).replace("faults = [\n  { at = 20s, kind = crash, node = server, for = 10s }\n]\n", "")
        .replace("groups {", "groups {\n  peers { role = client, count = 10, target = server, think-time = 1s }");
    ScenarioReport report = Scenarios.run(withPeers + blocks.get(1));
    assertThat(report.run(0).json().get("faults")).hasSize(12); // 5 pauses (5, 15, ... 45 s) and 7 others
  }

  @Test
  void theChurningSwarmGivesTheQuotedNumbers() throws Exception {
    ScenarioReport report = Scenarios.run(hoconBlocks().get(2));
    JsonNode downloads = report.run(0).group("peers").get("downloads");
    assertThat(downloads.get("completed").asInt()).isEqualTo(30);
    assertThat(downloads.get("time-s").get("max").asDouble()).isCloseTo(42.8, within(0.05));
    assertThat(report.run(0).json().get("faults")).hasSize(67);
  }

  @Test
  void thePresetExampleChecksOut() throws Exception {
    List<String> blocks = hoconBlocks();
    String swarm = blocks.get(2).replaceAll("(?s)churn \\{.*?\n    \\}\n", blocks.get(3).strip() + "\n");
    assertThat(swarm).contains("preset = bittorrent-redhat");
    assertThat(Scenarios.run(swarm).run(0).group("peers").get("downloads").get("completed").asInt()).isPositive();
  }
}
