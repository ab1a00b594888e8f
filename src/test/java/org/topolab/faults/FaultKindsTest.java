package org.topolab.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.Scenarios;

/**
 * Each kind of fault on two nodes that ping each other every 100 ms over a 10 ms network: node 0
 * (group a) and node 1 (group b). Times are in milliseconds.
 */
class FaultKindsTest {

  private static final long MS = 1_000_000;

  /** The pings node {@code to} handled: {time, to, from, sentAt, count}, in time order. */
  private static List<long[]> pings(ScenarioReport report, String group) {
    List<long[]> rows = new ArrayList<>();
    for (JsonNode row : report.run(0).group(group).get("pings")) {
      long[] values = new long[row.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = row.get(i).asLong();
      }
      rows.add(values);
    }
    return rows;
  }

  private static ScenarioReport run(String faults, String... extra) {
    String scenario = """
        duration = 10s
        network.latency = 10ms
        groups {
          a { role = org.topolab.faults.TallyRole, peer = b %s }
          b { role = org.topolab.faults.TallyRole, peer = a %s }
        }
        faults = [ %s ]
        """.formatted(extra.length > 0 ? extra[0] : "", extra.length > 1 ? extra[1] : "", faults);
    ScenarioReport one = Scenarios.run(scenario);
    // The same faults give the same report in two partitions.
    assertThat(Scenarios.inPartitions(2).report(scenario).reproducible()).isEqualTo(one.reproducible());
    return one;
  }

  private static List<long[]> sentBetween(List<long[]> pings, long fromMs, long toMs) {
    return pings.stream().filter(p -> p[3] >= fromMs * MS && p[3] < toMs * MS).toList();
  }

  @Test
  void crashLosesMessagesAndStateAndRestartBringsAFreshNode() {
    ScenarioReport report = run("{ at = 3s, kind = crash, group = b, for = 2s }");
    List<long[]> atB = pings(report, "b");
    // Pings sent from 2990 ms (arriving at 3000) to 4980 ms (arriving at 4990) reach a crashed node.
    assertThat(atB.stream().filter(p -> p[0] >= 3000 * MS && p[0] < 5000 * MS)).isEmpty();
    assertThat(report.run(0).group("a").get("dropped").asLong()).isEqualTo(20);
    // b sends nothing while down: a hears nothing sent then.
    assertThat(sentBetween(pings(report, "a"), 3000, 5000)).isEmpty();
    long[] firstAfter = atB.stream().filter(p -> p[0] >= 5000 * MS).findFirst().orElseThrow();
    long[] lastBefore = atB.stream().filter(p -> p[0] < 3000 * MS).reduce((x, y) -> y).orElseThrow();
    assertThat(lastBefore[4]).isEqualTo(29); // pings sent at 100 ... 2900 ms
    assertThat(firstAfter[1]).isEqualTo(1); // the same id
    assertThat(firstAfter[4]).isEqualTo(1); // a fresh node: its count starts again
    assertThat(firstAfter[3]).isEqualTo(5000 * MS);
    // The fresh b pings a again, from its first tick at 5100 ms.
    assertThat(sentBetween(pings(report, "a"), 5000, 10000)).hasSize(49);
  }

  @Test
  void restartOfALiveNodeStartsItAfresh() {
    ScenarioReport report = run("{ at = 3050ms, kind = restart, node = b }");
    List<long[]> atB = pings(report, "b");
    long[] firstAfter = atB.stream().filter(p -> p[0] >= 3050 * MS).findFirst().orElseThrow();
    assertThat(firstAfter[4]).isEqualTo(1);
    assertThat(atB).hasSize(99); // nothing lost: pings sent at 100 ... 9900 ms
    assertThat(report.run(0).group("a").get("dropped").asLong()).isZero();
  }

  @Test
  void partitionBlocksBothWaysUntilItsEnd() {
    ScenarioReport report = run("{ at = 3s, kind = partition, groups = [a, b], for = 2s }");
    assertThat(sentBetween(pings(report, "b"), 3000, 5000)).isEmpty();
    assertThat(sentBetween(pings(report, "a"), 3000, 5000)).isEmpty();
    assertThat(report.run(0).group("a").get("dropped").asLong()).isEqualTo(20);
    assertThat(report.run(0).group("b").get("dropped").asLong()).isEqualTo(20);
    // b keeps its state: its count goes on after the partition.
    List<long[]> atB = pings(report, "b");
    long[] firstAfter = atB.stream().filter(p -> p[3] >= 5000 * MS).findFirst().orElseThrow();
    assertThat(firstAfter[4]).isEqualTo(30);
    assertThat(atB).hasSize(99 - 20);
  }

  @Test
  void healEndsAPartition() {
    ScenarioReport report = run("{ at = 3s, kind = partition, groups = [a, b] }, { at = 4s, kind = heal }");
    assertThat(sentBetween(pings(report, "b"), 3000, 4000)).isEmpty();
    assertThat(sentBetween(pings(report, "b"), 4000, 5000)).hasSize(10);
    assertThat(sentBetween(pings(report, "a"), 3000, 4000)).isEmpty();
  }

  @Test
  void degradeAddsLatencyForItsWhile() {
    ScenarioReport report = run("{ at = 3s, kind = degrade, node = b, latency = 200ms, for = 2s }");
    assertDelays(report, 210, 10);
  }

  /** Every ping, both ways, took {@code during} ms if sent from 3000 to 4999 ms, else {@code outside} ms. */
  private static void assertDelays(ScenarioReport report, long during, long outside) {
    for (String group : List.of("a", "b")) {
      for (long[] ping : pings(report, group)) {
        long delay = (ping[0] - ping[3]) / MS;
        boolean degraded = ping[3] >= 3000 * MS && ping[3] < 5000 * MS;
        assertThat(delay).as("%s: ping sent at %d ms", group, ping[3] / MS).isEqualTo(degraded ? during : outside);
      }
    }
  }

  @Test
  void degradeLosesMessagesForItsWhile() {
    ScenarioReport report = run("{ at = 3s, kind = degrade, node = b, loss = 1, for = 2s }");
    assertThat(sentBetween(pings(report, "b"), 3000, 5000)).isEmpty();
    assertThat(sentBetween(pings(report, "a"), 3000, 5000)).isEmpty();
    assertThat(sentBetween(pings(report, "b"), 5000, 10000)).hasSize(50);
  }

  @Test
  void degradeLimitsBandwidthForItsWhile() {
    // 10,000 bytes take 10 ms on an 8 Mbps link: b's downlink for a's pings, b's uplink for its own.
    ScenarioReport report = run("{ at = 3s, kind = degrade, node = b, bandwidth = 8Mbps, for = 2s }", ", size = 10KB", ", size = 10KB");
    assertDelays(report, 20, 10);
  }

  @Test
  void pauseHoldsTheMailboxThenDeliversIt() {
    ScenarioReport report = run("{ at = 3s, kind = pause, node = b, for = 2s }");
    List<long[]> atB = pings(report, "b");
    // Pings arriving 3000 ... 4990 ms wait, and are handled at 5000 ms, in the order they came.
    List<long[]> held = sentBetween(atB, 2990, 4990);
    assertThat(held).hasSize(20).allSatisfy(p -> assertThat(p[0]).isEqualTo(5000 * MS));
    for (int i = 1; i < held.size(); i++) {
      assertThat(held.get(i)[3]).isGreaterThan(held.get(i - 1)[3]);
      assertThat(held.get(i)[4]).isEqualTo(held.get(i - 1)[4] + 1); // state kept
    }
    assertThat(atB).hasSize(99);
    assertThat(report.run(0).group("a").get("dropped").asLong()).isZero();
    // b's own timer waited too: it sent nothing while paused.
    assertThat(sentBetween(pings(report, "a"), 3001, 5000)).isEmpty();
  }
}
