package org.topolab.roles.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.Scenarios;

/**
 * Push-pull averaging against theory, on PeerSim's network (latency uniform 10-100 ms, unlimited
 * links), 20,000 nodes for 10 cycles.
 *
 * <p>The variance must fall by 1/(2 sqrt(e)) = 0.303 per cycle, within 0.03. The mean must stay
 * within 0.1% of where it started: it drifts only through exchanges whose initiator received
 * another push between its own push and the reply. Such an exchange changes the group's sum by a
 * quarter of the difference of two nodes' values, in either direction, so the mean does a random
 * walk whose standard deviation after the run is about (σ0 / mean) · sqrt(f · 1.43 / (8N)), with
 * f the share of overlapped exchanges and 1.43 = 1 / (1 - 0.3) the sum of the variance over the
 * cycles (see docs/averaging.md). With values uniform from 50 to 150 (σ0 / mean = 0.29) that is
 * 0.028%, so 0.1% is 3.6 standard deviations. f itself is the chance that a push arrives during a
 * round trip: 1 - E[exp(-(L1 + L2) / cycle)] with both latencies uniform from 10 to 100 ms.
 */
class AveragingFidelityTest {

  @Test
  void theVarianceFallsAsTheoryPredictsAndTheMeanStays() {
    int nodes = 20_000;
    int cycles = 10;
    JsonNode averaging =
        Scenarios.run(AveragingScenarioTest.scenario(nodes, cycles, "value = { distribution = uniform, min = 50, max = 150 }"))
            .run(0)
            .group("peers")
            .get("averaging");
    double theory = averaging.get("theory").get("reduction-per-cycle").asDouble();
    assertThat(theory).isCloseTo(0.3033, within(0.0001));
    assertThat(averaging.get("reduction-per-cycle").asDouble()).isCloseTo(0.30, within(0.03));
    assertThat(Math.abs(averaging.get("mean-drift").asDouble())).isLessThan(0.001);
    double oneWay = (Math.exp(-0.010) - Math.exp(-0.100)) / 0.090; // E[exp(-L)], L uniform 10-100 ms, in cycles
    double overlapping = 1 - oneWay * oneWay;
    double measured = averaging.get("exchanges-overlapped").asDouble() / averaging.get("exchanges").asDouble();
    assertThat(measured).isCloseTo(overlapping, within(0.005));
  }
}
