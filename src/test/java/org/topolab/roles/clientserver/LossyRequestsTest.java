package org.topolab.roles.clientserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.Scenarios;

/**
 * Clients of one server over a network that loses 5% of messages: a request or its answer is
 * lost about one time in ten (1 - 0.95²). Without retries that many time out; with three attempts,
 * about one in a thousand does, at the price of a second's wait for the others.
 */
class LossyRequestsTest {

  private static final String SCENARIO =
      """
      name = "lossy requests"
      seed = 5
      duration = 60s
      network { latency = { distribution = uniform, min = 1ms, max = 5ms }, loss = 0.05 }
      groups {
        server { role = server, workers = 8, service-time = { distribution = exponential, mean = 5ms } }
        clients {
          role = client, count = 20, target = server, timeout = 1s
          arrival { distribution = poisson, rate = 5/s }
        }
      }
      variants.retrying.groups.clients.retry { attempts = 3, backoff = 100ms, jitter = 1 }
      """;

  private static JsonNode requests(ScenarioReport report, String variant) {
    return report.run(variant).group("clients").get("requests");
  }

  @Test
  void retriesTurnMostTimeoutsIntoLateAnswers() {
    ScenarioReport report = Scenarios.run(SCENARIO);
    JsonNode once = requests(report, "default");
    JsonNode retrying = requests(report, "retrying");
    long sent = once.get("sent").asLong();
    assertThat(sent).isBetween(5000L, 7000L);
    assertThat(once.get("retries").asLong()).isZero();
    // Sent once: about 9.75% time out.
    assertThat(once.get("timeouts").asDouble() / sent).isBetween(0.08, 0.115);
    // Three attempts: each lost with 9.75%, all three about once in a thousand.
    long sentRetrying = retrying.get("sent").asLong();
    assertThat(retrying.get("timeouts").asDouble() / sentRetrying).isLessThan(0.004);
    assertThat(retrying.get("retries").asDouble() / sentRetrying).isBetween(0.08, 0.13);
    // Every request is accounted for once; a retried one waited out its timeout first.
    for (JsonNode counts : new JsonNode[] {once, retrying}) {
      assertThat(counts.get("ok").asLong() + counts.get("timeouts").asLong() + counts.get("failed").asLong()
          + counts.get("rejected").asLong()).isEqualTo(counts.get("sent").asLong());
    }
    assertThat(retrying.get("latency-ms").get("p99").asDouble()).isGreaterThan(1000);
    assertThat(once.get("latency-ms").get("p99").asDouble()).isLessThan(100);
  }

  @Test
  void retriesOnALossyNetworkAreTheSameInTwoPartitions() {
    ScenarioReport two = Scenarios.inPartitions(2).report(SCENARIO);
    assertThat(two.reproducible()).isEqualTo(Scenarios.run(SCENARIO).reproducible());
  }

  @Test
  void badRetryKeysAreNamedWithWhatWouldBeRight() {
    assertThatThrownBy(() -> Scenarios.run(SCENARIO, "groups.clients.retry.attempts=0", "groups.clients.retry.jitter=2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("groups.clients.retry.attempts: 0 is out of range; expected a whole number from 1 to 20")
        .hasMessageContaining("groups.clients.retry.jitter: 2.0 is out of range; expected a number from 0.0 to 1.0");
  }
}
