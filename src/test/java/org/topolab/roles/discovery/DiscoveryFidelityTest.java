package org.topolab.roles.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.Scenarios;

/** The discovery roles against theory, with the tolerances stated in each test. */
class DiscoveryFidelityTest {

  /** A group {@code peers} with these keys, joining within 5 s, lookups measured from 10 s to 20 s. */
  private static JsonNode lookups(String keys, String... overrides) {
    String scenario = """
        seed = 17
        duration = 20s
        warmup = 10s
        network.latency = { distribution = uniform, min = 10ms, max = 50ms }
        groups.peers { %s, join-within = 5s }
        """.formatted(keys);
    ScenarioReport report = Scenarios.run(scenario, overrides);
    return report.run(0).group("peers").get("lookups");
  }

  @Test
  void everyLookupOfAStoredItemSucceedsWithoutChurnWhateverTheProtocol() {
    String workload = "count = 300, items = 100, replicas = 2, zipf = 0.8, lookup-rate = 0.5/s";
    // The floods reach every node: their TTL is well past the overlay's diameter (about 6 for 300 nodes of degree 4, 4 for
    // 30 super-peers), since a copy that comes first by a longer, slower path is passed on with less TTL left.
    for (String role : new String[] {"role = directory", "role = kademlia, k = 8", "role = flooding, degree = 4, ttl = 12",
        "role = super-peers, super-peer-share = 0.1, degree = 4, ttl = 8"}) {
      JsonNode lookups = lookups(role + ", " + workload);
      assertThat(lookups.get("sent").asLong()).as(role).isGreaterThan(1000);
      assertThat(lookups.get("succeeded").asLong()).as(role).isEqualTo(lookups.get("sent").asLong());
    }
  }

  /**
   * On a random 4-regular graph of 10,000 nodes a flood of TTL 3 reaches 52 of them, few enough
   * that hardly any is reached twice: the query messages per lookup are the closed form's 4 + 12 +
   * 36 = 52 within 1%.
   */
  @Test
  void floodingsQueryMessagesMatchTheClosedFormOnARegularGraphWithinOnePercent() {
    JsonNode lookups = lookups("role = flooding, count = 10000, degree = 4, ttl = 3, items = 100, replicas = 1, lookup-rate = 0.02/s");
    double theory = lookups.get("theory").get("query-messages-per-lookup").asDouble();
    assertThat(theory).isEqualTo(52.0);
    assertThat(lookups.get("sent").asLong()).isGreaterThan(1500);
    assertThat(lookups.get("query-messages-per-lookup").asDouble()).isCloseTo(theory, within(0.01 * theory));
  }

  /**
   * Kademlia's hops grow as log N: from N = 1,000 to N = 10,000 the mean hops grow by a ratio
   * within 10% of log(10,000) / log(1,000) = 4/3. (k = 4 keeps the joins cheap; with the values
   * stored on the k nearest nodes, hops grow a little faster, as log(N / k): 1.42 here.)
   */
  @Test
  void kademliasMeanHopsGrowAsLogN() {
    String workload = ", items = 100, replicas = 1, zipf = 0.8, lookup-rate = 0.1/s";
    double small = lookups("role = kademlia, k = 4, alpha = 2, count = 1000" + workload).get("hops").get("mean").asDouble();
    double large = lookups("role = kademlia, k = 4, alpha = 2, count = 10000" + workload).get("hops").get("mean").asDouble();
    double expected = Math.log(10_000) / Math.log(1_000);
    assertThat(large / small).isCloseTo(expected, within(0.10 * expected));
  }
}
