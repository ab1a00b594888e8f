package org.topolab.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.Scenarios;

/**
 * Real time against virtual time on the same workload: a run on a machine that keeps up measures
 * what the model says, and the lag in the report owns up to what it does not. These tests wait on
 * the wall clock (about 11 s), which only tests of real time may do.
 */
class RealTimeAccuracyTest {

  // One worker, exponential 5 ms service, Poisson arrivals at 100/s in all: utilisation 0.5, an
  // M/M/1 queue with a mean response of 10 ms. A 1 s timeout keeps the drain (and the test) short.
  private static final String SCENARIO = String.join("\n",
      "name = \"real time against virtual time\"",
      "seed = 5",
      "duration = 10s",
      "warmup = 1s",
      "groups {",
      "  server { role = server, workers = 1, queue-limit = 1000,",
      "           service-time { distribution = exponential, mean = 5ms } }",
      "  clients { role = client, count = 10, target = server, timeout = 1s,",
      "            request-size = 0, response-size = 0,",
      "            arrival { distribution = poisson, rate = 10/s } }",
      "}");

  @Test
  void meanLatencyAgreesWithVirtualTimeAsFarAsTheLagAllows() {
    double virtual = meanLatencyMs(Scenarios.run(SCENARIO, "time=virtual").run(0));
    ScenarioReport.RunResult real = Scenarios.run(SCENARIO, "time=real").run(0);
    double lag = real.engine().get("timer-lag-ms").get("mean").asDouble();

    // A lag of a fifth of the service time means the run measured the machine, not the model:
    // nothing to compare. That happens when the machine is far too busy, not on a slow one.
    assumeThat(lag).as("mean lag, ms: the machine did not keep up").isLessThan(1.0);
    // The two runs draw the same random numbers in the same order, so on a machine that keeps up
    // their means differ by a few percent (measured: within 2%, 2 cores, JDK 17). 25% leaves room
    // for the other JVM of a shared 2-core CI machine, which preempts the clock's thread now and
    // then for milliseconds. What the lag explains comes on top: each of the three events on a
    // request's path can be that late, and the service's end, a parked timer, about twice as late
    // (4 lags); that stretches the busy time, which a queue at utilisation 0.5 multiplies by
    // 1/(1-0.5)^2 = 4 (8 lags). A slow real-time run whose lag stays small, as the one reported
    // (8.01 ms against 5.33 ms with a lag of 0.1 ms), fails.
    double allowed = 0.25 * virtual + 12 * lag;
    assertThat(meanLatencyMs(real))
        .as("real-time mean latency, ms (virtual %.3f, lag %.3f)", virtual, lag)
        .isCloseTo(virtual, within(allowed));
  }

  @Test
  void lagShowsARunTheMachineCannotKeepUpWith() {
    // 10 simulated seconds in a millisecond of wall time: no machine delivers every event on time.
    ScenarioReport.RunResult real = Scenarios.run(SCENARIO, "time=real", "time-scale=10000").run(0);
    assertThat(real.engine().get("timer-lag-ms").get("mean").asDouble()).isGreaterThan(5.0);
  }

  private static double meanLatencyMs(ScenarioReport.RunResult run) {
    JsonNode requests = run.group("clients").get("requests");
    return requests.get("latency-ms").get("mean").asDouble();
  }
}
