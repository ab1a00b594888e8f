package org.topolab.roles.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.Scenarios;

/**
 * Whole averaging runs on PeerSim's network (latency uniform 10-100 ms, unlimited links): the
 * report's fields, the role's keys and their problems, and the same report in two partitions.
 */
class AveragingScenarioTest {

  /** A group {@code peers} of {@code nodes} averaging nodes; more keys of the group in {@code keys}. */
  static String scenario(int nodes, int cycles, String keys) {
    return """
        seed = 3
        duration = %ds
        network.latency = { distribution = uniform, min = 10ms, max = 100ms }
        groups.peers {
          role = averaging
          count = %d
          cycles = %d
          %s
        }
        """
        .formatted(cycles, nodes, cycles, keys);
  }

  private static JsonNode averaging(ScenarioReport report) {
    return report.run(0).group("peers").get("averaging");
  }

  private static List<Double> numbers(JsonNode array) {
    List<Double> values = new ArrayList<>();
    array.forEach(value -> values.add(value.isNull() ? null : value.asDouble()));
    return values;
  }

  @Test
  void reportsTheVarianceAtEveryBoundaryAndItsReductions() {
    int nodes = 1000;
    int cycles = 8;
    ScenarioReport report = Scenarios.run(scenario(nodes, cycles, ""));
    JsonNode averaging = averaging(report);
    assertThat(averaging.get("nodes").asInt()).isEqualTo(nodes);
    assertThat(averaging.get("cycle-s").asDouble()).isEqualTo(1.0);
    assertThat(averaging.get("cycles").asInt()).isEqualTo(cycles);
    List<Double> variance = numbers(averaging.get("variance"));
    List<Double> reductions = numbers(averaging.get("reductions"));
    assertThat(variance).hasSize(cycles + 1);
    assertThat(reductions).hasSize(cycles);
    // Node k holds k (linear): the variance of 1..N is (N² - 1) / 12, the mean (N + 1) / 2.
    assertThat(variance.get(0)).isEqualTo((nodes * (double) nodes - 1) / 12);
    assertThat(averaging.get("mean-start").asDouble()).isEqualTo((nodes + 1) / 2.0);
    for (int k = 1; k <= cycles; k++) {
      assertThat(reductions.get(k - 1)).isEqualTo(variance.get(k) / variance.get(k - 1));
    }
    double geometric = Math.pow(variance.get(cycles) / variance.get(0), 1.0 / cycles);
    assertThat(averaging.get("reduction-per-cycle").asDouble()).isCloseTo(geometric, within(1e-12));
    double start = averaging.get("mean-start").asDouble();
    double end = averaging.get("mean-end").asDouble();
    assertThat(averaging.get("mean-drift").asDouble()).isEqualTo((end - start) / start);
    assertThat(averaging.get("exchanges").asLong()).isEqualTo((long) nodes * cycles);
    assertThat(averaging.get("exchanges-overlapped").asLong()).isBetween(1L, (long) nodes * cycles);
    assertThat(averaging.get("theory").get("reduction-per-cycle").asDouble()).isEqualTo(1 / (2 * Math.sqrt(Math.E)));
    // Three events per exchange (timer, push, reply) and each node's last tick; the run ends once
    // nothing is left, in the cycle after the last.
    JsonNode engine = report.run(0).engine();
    assertThat(engine.get("events").asLong()).isEqualTo(nodes * (3L * cycles + 1));
    assertThat(engine.get("simulated-seconds").asDouble()).isBetween((double) cycles, cycles + 1.0);
  }

  @Test
  void theValueKeyChoosesWhatTheNodesStartWith() {
    int nodes = 200;
    JsonNode peak = averaging(Scenarios.run(scenario(nodes, 2, "value = peak")));
    assertThat(peak.get("mean-start").asDouble()).isEqualTo(1.0);
    // One node holds N, the others 0: mean 1, mean square N.
    assertThat(peak.get("variance").get(0).asDouble()).isEqualTo(nodes - 1.0);
    JsonNode drawn = averaging(Scenarios.run(scenario(nodes, 2, "value = { distribution = uniform, min = 40, max = 60 }")));
    assertThat(drawn.get("mean-start").asDouble()).isBetween(48.0, 52.0);
    assertThat(drawn.get("variance").get(0).asDouble()).isCloseTo(400 / 12.0, within(8.0));
    JsonNode constant = averaging(Scenarios.run(scenario(nodes, 2, "value = 7")));
    assertThat(constant.get("mean-end").asDouble()).isEqualTo(7.0);
    assertThat(numbers(constant.get("variance"))).containsOnly(0.0);
    assertThat(numbers(constant.get("reductions"))).containsOnlyNulls();
    assertThat(constant.get("reduction-per-cycle").isNull()).isTrue();
  }

  @Test
  void aRunInTwoPartitionsReportsTheSameDigits() {
    String text = scenario(2000, 6, "value = { distribution = uniform, min = 0, max = 100 }");
    ScenarioReport one = Scenarios.run(text);
    ScenarioReport two = Scenarios.inPartitions(2).report(text);
    assertThat(two.run(0).engine().get("partitions").asInt()).isEqualTo(2);
    assertThat(two.run(0).engine().get("fingerprint")).isEqualTo(one.run(0).engine().get("fingerprint"));
    assertThat(two.run(0).group("peers")).isEqualTo(one.run(0).group("peers"));
  }

  @Test
  void badKeysAreReportedByName() {
    String text =
        """
        duration = 10s
        groups {
          alone { role = averaging, count = 1 }
          peers {
            role = averaging
            count = 10
            cycles = 0
            cycle = 0
            value = peek
            timing = sideways
          }
          drawn { role = averaging, count = 10, value { distribution = uniform, min = 5, max = 2s } }
        }
        """;
    assertThatThrownBy(() -> Scenarios.run(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scenario:3: groups.alone.count: an averaging group needs at least 2 nodes to exchange values, has 1")
        .hasMessageContaining("scenario:7: groups.peers.cycles: 0 is out of range; expected a whole number from 1 to 100000")
        .hasMessageContaining("scenario:8: groups.peers.cycle: must be at least 1ns")
        .hasMessageContaining("scenario:9: groups.peers.value: expected linear, peak, a number such as 50, or a distribution")
        .hasMessageContaining("found 'peek'; did you mean 'peak'?")
        .hasMessageContaining("scenario:10: groups.peers.timing: 'sideways' is not one of random-phase, rounds")
        .hasMessageContaining("scenario:12: groups.drawn.value.max: '2s' has a unit; expected a plain whole number")
        .hasMessageContaining("scenario:12: groups.drawn.cycles: 30 cycles of 1s need a duration of at least 30s, "
            + "and the scenario's is 10s; lengthen duration or run fewer cycles");
  }
}
