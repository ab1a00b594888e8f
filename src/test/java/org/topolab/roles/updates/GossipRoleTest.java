package org.topolab.roles.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.topolab.role.SummaryRow;
import org.topolab.testkit.NodeTestKit;

/** The gossip role's keys: defaults, the theory they lead to in the report, and every bad value named. */
class GossipRoleTest {

  private static String scenario(int count, String keys) {
    return """
        duration = 60s
        groups {
          peers { role = gossip, count = %d, %s }
        }
        """
        .formatted(count, keys);
  }

  /** What the group writes into report.json before anything happened. */
  private static JsonNode updates(int count, String keys) {
    try (NodeTestKit kit = NodeTestKit.forScenario(scenario(count, keys))) {
      return kit.report("peers").get("updates");
    }
  }

  private static void assertProblem(String keys, String... expected) {
    assertThatThrownBy(() -> NodeTestKit.forScenario(scenario(100, keys)).close())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll(expected);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void byDefaultPushPullInRoundsOfOneSecondWithTheTheoryOfItsRounds() {
    JsonNode theory = updates(10_000, "").get("theory");
    assertThat(theory.get("model").asText()).isEqualTo("push-pull");
    assertThat(theory.get("formula").asText()).isEqualTo("log3 N + log2 ln N");
    double rounds = Math.log(10_000) / Math.log(3) + log2(Math.log(10_000));
    assertThat(theory.get("rounds-100").asDouble()).isCloseTo(rounds, within(0.005));
    assertThat(theory.get("coverage-100-s").asDouble()).isCloseTo(rounds, within(0.0005));
  }

  @Test
  void pushAndPullHaveTheirOwnTheoryAndTheTimeIsRoundsTimesThePeriod() {
    JsonNode push = updates(1000, "mode = push, period = 2s").get("theory");
    assertThat(push.get("formula").asText()).isEqualTo("log2 N + ln N");
    assertThat(push.get("coverage-100-s").asDouble()).isCloseTo(2 * (log2(1000) + Math.log(1000)), within(0.0005));
    JsonNode pull = updates(1000, "mode = pull, period = 500ms").get("theory");
    assertThat(pull.get("formula").asText()).isEqualTo("log2 N + log2 log2 N");
    assertThat(pull.get("coverage-100-s").asDouble()).isCloseTo(0.5 * (log2(1000) + log2(log2(1000))), within(0.0005));
  }

  @Test
  void aTinyGroupNeedsOneRoundAtLeast() {
    assertThat(updates(2, "").get("theory").get("rounds-100").asDouble()).isEqualTo(1.0);
  }

  @Test
  void theTheoryIsNullWhereItsModelDoesNotApply() {
    for (String keys : new String[] {"fanout = 2", "peers = view", "stop-after = 3", "anti-entropy = 10s"}) {
      assertThat(updates(100, keys).get("theory").isNull()).as(keys).isTrue();
    }
    assertThat(updates(100, "stop-after = never, anti-entropy = off").get("theory").isNull()).isFalse();
  }

  @Test
  void theSummaryShowsTheCoverageAndTheTheorysTime() {
    try (NodeTestKit kit = NodeTestKit.forScenario(scenario(1000, "mode = push"))) {
      SummaryRow row = new SummaryRow("default", Map.of());
      kit.measured("peers").summarize(row);
      assertThat(row.cells())
          .containsEntry("peers 99% s", "-")
          .containsEntry("peers theory 100% s", String.format("%.3f", log2(1000) + Math.log(1000)));
    }
  }

  @Test
  void badValuesAreNamedWithWhatWouldBeRight() {
    assertProblem("mode = shout", "groups.peers.mode: 'shout' is not one of push, pull, push-pull");
    assertProblem("timing = sync", "groups.peers.timing: 'sync' is not one of rounds, random-phase");
    assertProblem("digests = yes", "groups.peers.digests: 'yes' is not one of on, off");
    assertProblem("fanout = 0", "groups.peers.fanout: 0 is out of range");
    assertProblem("fanout = 100",
        "groups.peers.fanout: 100 peers per round needs a group of more than 100 nodes; 'peers' has 100");
    assertProblem("period = 0s", "groups.peers.period: must be at least");
    assertProblem("stop-after = soon",
        "groups.peers.stop-after: expected a whole number of useless contacts such as 2, or never; found 'soon'");
    assertProblem("stop-after = 0", "groups.peers.stop-after: 0 is out of range");
    assertProblem("anti-entropy = often", "groups.peers.anti-entropy:");
    assertProblem("peers = all", "groups.peers.peers: 'all' is not one of group, view");
    assertProblem("view-size = 10", "groups.peers.view-size: applies only with peers = view (peers is group)");
    assertProblem("peers = view, view-size = 100",
        "groups.peers.view-size: a view of 100 needs a group of more than 100 nodes; 'peers' has 100");
    assertProblem("peers = view, view-size = 4, shuffle-length = 5",
        "groups.peers.shuffle-length: shuffles 5 entries of a view of 4; expected at most view-size");
    assertProblem("peers = view, view-size = 4, shuffle-length = 2, fanout = 5",
        "groups.peers.fanout: 5 peers per round from a view of 4; expected at most view-size");
    assertProblem("fanot = 2", "groups.peers.fanot: unknown key");
  }

  @Test
  void aGroupOfOneCannotGossip() {
    assertThatThrownBy(() -> NodeTestKit.forScenario(scenario(1, "")).close())
        .hasMessageContaining("groups.peers.count: a gossip group needs at least 2 nodes; group 'peers' has 1");
  }
}
