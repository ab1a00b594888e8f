package org.topolab.roles.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.Scenarios;

/**
 * Whole runs of a publisher and its subscribers against theory: a push to all N completes in N ×
 * (message bytes) × 8 / uplink within 3%; polls every T at random phases cover half the nodes in
 * about T/2 and all of them in about T.
 */
class PushPollFidelityTest {

  @Test
  void aPushToAllCompletesInTheTimeTheUplinkTakesToSendEveryCopy() {
    // 1000 copies of a 100 KB version on a 100 Mbps uplink: 1000 × 100,020 bytes × 8 / 100 Mbps =
    // 8.0016 s, plus 1 ms of latency and 0.8 ms on each subscriber's 1 Gbps downlink.
    ScenarioReport report =
        Scenarios.run(
            """
            duration = 60s
            network.latency = 1ms
            groups {
              origin {
                role = publisher, link { up = 100Mbps, down = 100Mbps }
                update-size = 100KB, release-times = [10s], push-to = subscribers
              }
              subscribers { role = subscriber, count = 1000, link { up = 10Mbps, down = 1Gbps }, publisher = origin }
            }
            """);
    double theory = 1000 * 100_020 * 8 / 100e6;
    JsonNode publisher = report.run(0).group("origin").get("publisher");
    assertThat(publisher.get("theory").get("push-s").asDouble()).isCloseTo(theory, within(1e-9));
    assertThat(publisher.get("messages-per-update").asDouble()).isEqualTo(1000.0);
    assertThat(publisher.get("bytes-per-update").asDouble()).isEqualTo(1000 * 100_020.0);
    JsonNode updates = report.run(0).group("subscribers").get("updates");
    assertThat(updates.get("reached").get("100").asInt()).isEqualTo(1);
    double complete = updates.get("coverage-s").get("100").asDouble();
    assertThat(complete / theory).isBetween(1.0, 1.03);
    // Half the copies are out after half the time.
    assertThat(updates.get("coverage-s").get("50").asDouble() / (theory / 2)).isBetween(1.0, 1.03);
    assertThat(updates.get("messages-per-node").asDouble()).isEqualTo(1.0);
    assertThat(updates.get("redundant-deliveries").asDouble()).isZero();
  }

  @Test
  void pollingEveryIntervalAtRandomPhasesCoversHalfInHalfAnIntervalAndAllInOne() {
    // N = 2000 subscribers poll every T = 10 s, 1 ms from the publisher, which releases at
    // exponential intervals of mean 20 s. A version reaches a subscriber at its next poll after
    // the release, plus a round trip of 2 ms: T k / (N + 1) on average for the k-th of N (the
    // report's theory), with a standard deviation of T sqrt(p (1 - p) / N) for the share p: 0.112 s
    // at 50% and 0.067 s at 90%. The releases share the subscribers' phases, so their mean is held
    // to 4 standard deviations of a single release. The last poll comes at most T after a release,
    // and less than T (1 - 10 / (N + 1)) after it only with probability e^-10 per release.
    int nodes = 2000;
    double interval = 10;
    ScenarioReport report =
        Scenarios.run(
            """
            seed = 3
            duration = 300s
            network.latency = 1ms
            groups {
              origin { role = publisher, release-interval { distribution = exponential, mean = 20s } }
              subscribers { role = subscriber, count = %d, publisher = origin, poll-interval = 10s }
            }
            """
                .formatted(nodes));
    JsonNode group = report.run(0).group("subscribers");
    JsonNode updates = group.get("updates");
    JsonNode theory = updates.get("theory").get("coverage-s");
    double roundTrip = 0.002;
    assertThat(updates.get("released").asInt()).isGreaterThan(5);
    assertThat(updates.get("reached").get("100").asInt()).isEqualTo(updates.get("released").asInt());
    assertThat(theory.get("50").asDouble()).isEqualTo(interval * 1000 / (nodes + 1), within(1e-6));
    assertThat(theory.get("100").asDouble()).isEqualTo(interval * nodes / (nodes + 1), within(1e-6));
    assertThat(updates.get("coverage-s").get("50").asDouble())
        .isCloseTo(theory.get("50").asDouble() + roundTrip, within(4 * interval * Math.sqrt(0.25 / nodes)));
    assertThat(updates.get("coverage-s").get("90").asDouble())
        .isCloseTo(theory.get("90").asDouble() + roundTrip, within(4 * interval * Math.sqrt(0.09 / nodes)));
    assertThat(updates.get("coverage-s").get("100").asDouble()).isBetween(interval * (1 - 10.0 / (nodes + 1)), interval + roundTrip);
    assertThat(group.get("poll-interval-s").asDouble()).isEqualTo(interval);
    // The publisher answered every poll in the window: N / T polls a second.
    JsonNode publisher = report.run(0).group("origin").get("publisher");
    assertThat(publisher.get("polls").asDouble() / 300).isCloseTo(nodes / interval, within(nodes / interval * 0.01));
    assertThat(publisher.get("push-to").isNull()).isTrue();
    assertThat(publisher.get("theory").get("push-s").isNull()).isTrue();
  }
}
