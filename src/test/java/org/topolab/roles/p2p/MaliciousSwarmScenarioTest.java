package org.topolab.roles.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.Scenarios;

/**
 * scenarios/malicious-swarm.conf: what its header and docs/security.md say it shows holds. With
 * verification, nothing corrupt is kept and every honest peer completes with the genuine file;
 * without, corrupt chunks are kept, spread, and peers "complete" corrupt.
 */
class MaliciousSwarmScenarioTest {

  private static final Path SCENARIO = Path.of("scenarios/malicious-swarm.conf");

  private static JsonNode group(ScenarioReport report, String variant, String group) {
    return report.run(variant).group(group);
  }

  @Test
  void verificationKeepsEveryCorruptChunkOutAndWithoutItTheDamageShows() {
    ScenarioReport report = Scenarios.run(SCENARIO);
    for (String variant : new String[] {"verified", "unverified"}) {
      assertThat(group(report, variant, "peers").get("downloads").get("completed").asInt()).as(variant).isEqualTo(80);
      assertThat(group(report, variant, "attackers").get("security").get("malicious").asInt()).as(variant).isEqualTo(20);
    }
    JsonNode verified = group(report, "verified", "peers").get("security");
    assertThat(verified.get("protected").asBoolean()).isTrue();
    assertThat(verified.get("corrupt-chunks-received").asLong()).isPositive();
    assertThat(verified.get("corrupt-chunks-accepted").asLong()).isZero();
    assertThat(verified.get("completed-corrupt").asLong()).isZero();
    // Each corrupt chunk costs its bytes, and its sender is banned (20 attackers at most per peer).
    assertThat(verified.get("wasted-bytes").asLong()).isEqualTo(verified.get("corrupt-chunks-received").asLong() * 256 * 1024);
    assertThat(verified.get("banned-peers").asLong()).isPositive().isLessThanOrEqualTo(80 * 20);
    JsonNode unverified = group(report, "unverified", "peers").get("security");
    assertThat(unverified.get("protected").asBoolean()).isFalse();
    assertThat(unverified.get("corrupt-chunks-accepted").asLong()).isPositive();
    // Honest peers that kept corrupt chunks serve them on: more arrive than the attackers could send alone.
    assertThat(unverified.get("corrupt-chunks-received").asLong()).isGreaterThan(verified.get("corrupt-chunks-received").asLong());
    assertThat(unverified.get("completed-corrupt").asLong()).isPositive();
    assertThat(unverified.get("banned-peers").asLong()).isZero();
  }

  @Test
  void liarsAndDroppersCostTimeNotIntegrity() {
    for (String malice : new String[] {"lie", "drop"}) {
      JsonNode peers = group(Scenarios.run(SCENARIO, "groups.attackers.malicious=" + malice), "verified", "peers");
      assertThat(peers.get("downloads").get("completed").asInt()).as(malice).isEqualTo(80);
      assertThat(peers.get("security").get("corrupt-chunks-received").asLong()).as(malice).isZero();
      // Requests to a peer that never serves them time out and go elsewhere.
      assertThat(peers.get("downloads").get("resent-requests").asLong()).as(malice).isPositive();
    }
  }

  @Test
  void theSameReportInOneAndTwoPartitions() {
    ScenarioReport one = Scenarios.run(SCENARIO);
    ScenarioReport two = Scenarios.inPartitions(2).report(SCENARIO);
    assertThat(two.reproducible()).isEqualTo(one.reproducible());
    assertThat(two.run(0).engine().get("partitions").asInt()).isEqualTo(2);
  }

  @Test
  void badMaliceKeysAreNamedWithWhatWouldBeRight() {
    assertThatThrownBy(() -> Scenarios.run(
            SCENARIO,
            "groups.attackers.malicious=evil",
            "groups.attackers.malicious-fraction=1.5",
            "groups.peers.malicious-fraction=0.5",
            "groups.peers.verify-chunks=maybe"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("groups.attackers.malicious: 'evil' is not one of none, corrupt, lie, drop")
        .hasMessageContaining("groups.attackers.malicious-fraction: 1.5 is out of range; expected a number from 0.0 to 1.0")
        .hasMessageContaining("groups.peers.malicious-fraction: says how many peers misbehave; give malicious = corrupt, lie or drop too")
        .hasMessageContaining("groups.peers.verify-chunks: 'maybe' is not one of on, off");
  }

  @Test
  void aFractionOfOneGroupMisbehaves() {
    // A quarter of the 80 "peers" corrupt, spread over the group; the "attackers" behave.
    ScenarioReport report = Scenarios.run(SCENARIO,
        "groups.attackers.malicious=none", "groups.peers.malicious=corrupt", "groups.peers.malicious-fraction=0.25");
    JsonNode peers = group(report, "verified", "peers");
    assertThat(peers.get("security").get("malicious").asInt()).isEqualTo(20);
    assertThat(peers.get("security").get("corrupt-chunks-received").asLong()).isPositive();
    assertThat(peers.get("security").get("corrupt-chunks-accepted").asLong()).isZero();
    assertThat(peers.get("downloads").get("completed").asInt()).isEqualTo(80);
    JsonNode honest = group(report, "verified", "attackers").get("security");
    assertThat(honest.get("malicious").asInt()).isZero();
    assertThat(honest.get("corrupt-chunks-received").asLong()).isPositive();
    assertThat(honest.get("corrupt-chunks-accepted").asLong()).isZero();
    assertThat(group(report, "unverified", "attackers").get("security").get("corrupt-chunks-accepted").asLong()).isPositive();
  }
}
