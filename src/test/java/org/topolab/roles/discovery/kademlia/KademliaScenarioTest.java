package org.topolab.roles.discovery.kademlia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.topolab.roles.discovery.GroupProblems;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.Scenarios;

/** The kademlia role as a scenario uses it: a run split in partitions, the report's fields, and bad input. */
class KademliaScenarioTest {

  private static final String NETWORK =
      """
      seed = 4
      duration = 30s
      warmup = 15s
      network.latency = { distribution = uniform, min = 10ms, max = 50ms }
      groups {
        peers { role = kademlia, count = 300, k = 8, items = 200, replicas = 2, zipf = 0.9, lookup-rate = 0.5/s, join-within = 8s }
      }
      """;

  @Test
  void aRunSplitInTwoPartitionsReportsWhatItReportsInOne() {
    ScenarioReport one = Scenarios.run(NETWORK);
    ScenarioReport two = Scenarios.inPartitions(2).report(NETWORK);
    JsonNode group = one.run(0).group("peers");
    JsonNode lookups = group.get("lookups");
    assertThat(lookups.get("sent").asLong()).isGreaterThan(1000);
    assertThat(lookups.get("success-rate").asDouble()).isEqualTo(1.0);
    assertThat(lookups.get("load").get("max").asLong()).isGreaterThan(0);
    assertThat(group.get("k").asInt()).isEqualTo(8);
    assertThat(group.get("alpha").asInt()).isEqualTo(3);
    assertThat(group.get("id-bits").asInt()).isEqualTo(160);
    assertThat(lookups.get("theory").get("model").asText()).isEqualTo("kademlia");
    assertThat(lookups.get("theory").get("hops").asDouble()).isCloseTo(Math.log(300) / Math.log(2), within(1e-4));
    assertThat(two.run(0).group("peers")).isEqualTo(group);
    assertThat(two.run(0).engine().get("fingerprint")).isEqualTo(one.run(0).engine().get("fingerprint"));
  }

  /** The problems of a scenario with a kademlia group of 10 nodes and these keys. */
  private static String problems(String keys) {
    return problems(10, keys);
  }

  /** The problems of a scenario with a kademlia group of {@code count} nodes and these keys. */
  private static String problems(int count, String keys) {
    return GroupProblems.of("role = kademlia, count = " + count + ", " + keys);
  }

  @Test
  void kademliasKeysAreCheckedWithMessagesThatSayWhatWouldBeRight() {
    assertThat(problems("k = 0")).contains("scenario:4: groups.peers.k: 0 is out of range; expected a whole number from 1 to 1000");
    assertThat(problems("k = 4, alpha = 5"))
        .contains("groups.peers.alpha: 5 queries at a time is more than the k = 4 nodes a lookup converges on; expected at most k");
    assertThat(problems("id-bits = 16")).contains("groups.peers.id-bits: 16 is out of range; expected a whole number from 32 to 512");
    assertThat(problems("bootstrap = 10")).contains("groups.peers.bootstrap: group 'peers' has nodes 0 to 9; 10 is not one of them");
    assertThat(problems("refresh = never")).contains("groups.peers.refresh:");
    assertThat(problems("timeout = 0")).contains("groups.peers.timeout: must be at least 1ms");
    assertThat(problems("buckets = 3")).contains("groups.peers.buckets: unknown key");
  }

  @Test
  void theWorkloadsKeysAreCheckedWithMessagesThatSayWhatWouldBeRight() {
    assertThat(problems("replicas = 11"))
        .contains("groups.peers.replicas: 11 copies of each item need a group of at least 11 nodes; 'peers' has 10");
    assertThat(problems("items = 0")).contains("groups.peers.items: 0 is out of range; expected a whole number from 1 to 1000000");
    assertThat(problems(30, "items = 1000000, replicas = 30"))
        .contains("groups.peers.replicas: 1000000 items x 30 replicas is more than the 20000000 placements a catalogue may have");
    assertThat(problems("zipf = -1")).contains("groups.peers.zipf: -1.0 is out of range; expected a number from 0.0 to 10.0");
    assertThat(problems("lookup-rate = 0")).contains("groups.peers.lookup-rate: a rate must be above 0");
    assertThat(problems("join-within = 30s"))
        .contains("groups.peers.join-within: nodes join until 30s but the measured window starts at warmup = 20s:"
            + " lookups would be measured while nodes still join; set warmup to at least 30s");
  }
}
