package org.topolab.roles.updates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.topolab.cluster.MetricsSnapshots;
import org.topolab.metrics.Json;
import org.topolab.node.RunWindow;

/** What the coverage of versions counts: nearest ranks, skipped versions, the window, and exact merges. */
class UpdateMetricsTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  // Warm-up until 10 s, workload until 100 s: 90 s measured.
  private static final RunWindow WINDOW = new RunWindow(10 * SECOND, 100 * SECOND, SECOND);

  /** Version {@code version} of an item whose versions were released at {@code releases}. */
  private static Update update(int version, long... releases) {
    return new Update(0, version, Arrays.copyOf(releases, version), 100);
  }

  private static JsonNode updates(UpdateMetrics metrics) {
    ObjectNode group = Json.object();
    metrics.write(group);
    return group.get("updates");
  }

  @Test
  void theNearestRankIsTheCeilingOfTheShareOfTheNodes() {
    assertThat(UpdateMetrics.rank(50, 1)).isEqualTo(1);
    assertThat(UpdateMetrics.rank(50, 7)).isEqualTo(4);
    assertThat(UpdateMetrics.rank(99, 100)).isEqualTo(99);
    assertThat(UpdateMetrics.rank(99, 101)).isEqualTo(100);
    assertThat(UpdateMetrics.rank(90, 70)).isEqualTo(63);
    assertThat(UpdateMetrics.rank(100, 50_000_000)).isEqualTo(50_000_000);
  }

  @Test
  void coverageIsTheDelayUntilTheNearestRankOfTheNodesHadTheVersion() {
    // 200 nodes get version 1 (released at 20 s) n milliseconds after its release, n = 1..200, in
    // a shuffled order: 50% is the 100th delay, 90% the 180th, 99% the 198th, 100% the 200th.
    UpdateMetrics metrics = new UpdateMetrics(WINDOW, 200);
    List<Integer> order = new ArrayList<>();
    for (int n = 1; n <= 200; n++) {
      order.add(n);
    }
    Collections.shuffle(order, new Random(3));
    long released = 20 * SECOND;
    for (int n : order) {
      metrics.reached(0, update(1, released), released + n * MS);
    }
    JsonNode updates = updates(metrics);
    assertThat(updates.get("released").asInt()).isEqualTo(1);
    assertThat(updates.get("coverage-s").get("50").asDouble()).isEqualTo(0.100);
    assertThat(updates.get("coverage-s").get("90").asDouble()).isEqualTo(0.180);
    assertThat(updates.get("coverage-s").get("99").asDouble()).isEqualTo(0.198);
    assertThat(updates.get("coverage-s").get("100").asDouble()).isEqualTo(0.200);
    assertThat(updates.get("per-update").get(0).get("coverage-s").get("99").asDouble()).isEqualTo(0.198);
    assertThat(updates.get("per-update").get(0).get("released-s").asDouble()).isEqualTo(20.0);
  }

  @Test
  void aLevelThatAVersionDidNotReachIsLeftOutOfTheMeanAndCounted() {
    // Version 1 reaches all 4 nodes after 1 s; version 2 only 3 of them, after 3 s.
    UpdateMetrics metrics = new UpdateMetrics(WINDOW, 4);
    long[] releases = {20 * SECOND, 40 * SECOND};
    for (int node = 0; node < 4; node++) {
      metrics.reached(0, update(1, releases), 21 * SECOND);
    }
    for (int node = 0; node < 3; node++) {
      metrics.reached(1, update(2, releases), 43 * SECOND);
    }
    JsonNode updates = updates(metrics);
    // 50% (2 nodes) and 90% (4 nodes, the ceiling of 3.6): version 1 after 1 s; version 2 reached
    // 50% after 3 s but never 90%.
    assertThat(updates.get("coverage-s").get("50").asDouble()).isEqualTo(2.0);
    assertThat(updates.get("coverage-s").get("90").asDouble()).isEqualTo(1.0);
    assertThat(updates.get("reached").get("50").asInt()).isEqualTo(2);
    assertThat(updates.get("reached").get("100").asInt()).isEqualTo(1);
    assertThat(updates.get("per-update").get(1).get("coverage-s").get("100").isNull()).isTrue();
  }

  @Test
  void aNodeThatSkipsVersionsHasEveryVersionUpToTheOneItGot() {
    // Released at 20, 30 and 40 s. Node A had none and gets version 3 at 45 s; node B had version
    // 1 (got at 21 s) and gets version 3 at 50 s.
    UpdateMetrics metrics = new UpdateMetrics(WINDOW, 2);
    long[] releases = {20 * SECOND, 30 * SECOND, 40 * SECOND};
    metrics.reached(0, update(1, releases), 21 * SECOND);
    metrics.reached(0, update(3, releases), 45 * SECOND);
    metrics.reached(1, update(3, releases), 50 * SECOND);
    JsonNode perUpdate = updates(metrics).get("per-update");
    assertThat(perUpdate).hasSize(3);
    // Version 1: B after 1 s, A after 25 s. Version 2: A after 15 s, B after 20 s. Version 3: 5 s and 10 s.
    assertThat(perUpdate.get(0).get("coverage-s").get("50").asDouble()).isEqualTo(1.0);
    assertThat(perUpdate.get(0).get("coverage-s").get("100").asDouble()).isEqualTo(25.0);
    assertThat(perUpdate.get(1).get("coverage-s").get("50").asDouble()).isEqualTo(15.0);
    assertThat(perUpdate.get(1).get("coverage-s").get("100").asDouble()).isEqualTo(20.0);
    assertThat(perUpdate.get(2).get("coverage-s").get("50").asDouble()).isEqualTo(5.0);
    assertThat(perUpdate.get(2).get("coverage-s").get("100").asDouble()).isEqualTo(10.0);
    assertThat(updates(metrics).get("coverage-s").get("100").asDouble()).isEqualTo(Json.round((25.0 + 20 + 10) / 3, 6));
  }

  @Test
  void onlyVersionsReleasedAndMessagesReceivedInsideTheWindowCount() {
    // Version 1 is released in the warm-up, version 2 inside the window; 5 nodes.
    UpdateMetrics metrics = new UpdateMetrics(WINDOW, 5);
    long[] releases = {5 * SECOND, 50 * SECOND};
    metrics.received(6 * SECOND, update(1, releases)); // in the warm-up
    metrics.reached(0, update(1, releases), 6 * SECOND);
    metrics.delivered(6 * SECOND, false);
    for (int node = 0; node < 5; node++) {
      metrics.received(51 * SECOND, update(2, releases));
      metrics.reached(node == 0 ? 1 : 0, update(2, releases), 51 * SECOND);
      metrics.delivered(51 * SECOND, false);
    }
    metrics.received(52 * SECOND, update(2, releases));
    metrics.delivered(52 * SECOND, true);
    metrics.received(100 * SECOND, update(2, releases)); // at the end: outside
    JsonNode updates = updates(metrics);
    assertThat(updates.get("nodes").asInt()).isEqualTo(5);
    assertThat(updates.get("released").asInt()).isEqualTo(1);
    assertThat(updates.get("per-update")).hasSize(1);
    assertThat(updates.get("per-update").get(0).get("version").asInt()).isEqualTo(2);
    assertThat(updates.get("coverage-s").get("100").asDouble()).isEqualTo(1.0);
    // 6 messages of 120 bytes in the window, for 5 nodes and 1 version.
    assertThat(updates.get("messages-per-node").asDouble()).isEqualTo(1.2);
    assertThat(updates.get("bytes-per-node").asDouble()).isEqualTo(6 * 120 / 5.0);
    assertThat(updates.get("redundant-deliveries").asDouble()).isEqualTo(0.2);
    assertThat(updates.get("deliveries").asLong()).isEqualTo(6);
    assertThat(updates.get("messages-per-node-per-s").asDouble()).isEqualTo(Json.round(6 / (5 * 90.0), 4));
  }

  @Test
  void nothingReleasedGivesNullsRatherThanNumbers() {
    JsonNode updates = updates(new UpdateMetrics(WINDOW, 3));
    assertThat(updates.get("released").asInt()).isZero();
    assertThat(updates.get("coverage-s").get("50").isNull()).isTrue();
    assertThat(updates.get("messages-per-node").isNull()).isTrue();
    assertThat(updates.get("per-update")).isEmpty();
  }

  @Test
  void twoPartitionsMergedReportWhatOneReports() {
    int nodes = 300;
    UpdateMetrics whole = new UpdateMetrics(WINDOW, nodes);
    UpdateMetrics even = new UpdateMetrics(WINDOW, nodes);
    UpdateMetrics odd = new UpdateMetrics(WINDOW, nodes);
    // Every node records the same random story into the whole and into its partition's half.
    long[] releases = {5 * SECOND, 20 * SECOND, 35 * SECOND, 60 * SECOND, 90 * SECOND};
    SplittableRandom random = new SplittableRandom(11);
    for (int node = 0; node < nodes; node++) {
      UpdateMetrics part = node % 2 == 0 ? even : odd;
      int had = 0;
      while (had < releases.length && random.nextInt(4) > 0) {
        int got = had + 1 + random.nextInt(releases.length - had);
        long at = releases[got - 1] + random.nextLong(20 * SECOND);
        for (UpdateMetrics metrics : List.of(whole, part)) {
          metrics.received(at, update(got, releases));
          metrics.reached(had, update(got, releases), at);
          metrics.delivered(at, false);
          metrics.received(at + MS, update(got, releases));
          metrics.delivered(at + MS, true);
        }
        had = got;
      }
    }
    // Merged into fresh metrics in partition order, as the engine does.
    UpdateMetrics merged = new UpdateMetrics(WINDOW, nodes);
    merged.merge(even);
    merged.merge(odd);
    assertThat(updates(whole).get("reached").get("50").asInt()).isPositive();
    assertThat(updates(merged)).isEqualTo(updates(whole));
  }

  @Test
  void aSnapshotRestoredIntoFreshMetricsReportsAsTheOriginal() {
    UpdateMetrics original = new UpdateMetrics(WINDOW, 3);
    long[] releases = {20 * SECOND, 30 * SECOND};
    original.reached(0, update(2, releases), 31 * SECOND);
    original.reached(0, update(1, releases), 22 * SECOND);
    original.received(31 * SECOND, update(2, releases));
    original.delivered(31 * SECOND, false);
    UpdateMetrics restored = new UpdateMetrics(WINDOW, 3);
    MetricsSnapshots.restore(MetricsSnapshots.snapshot(original), restored);
    assertThat(updates(restored)).isEqualTo(updates(original));
    assertThat(updates(restored).get("per-update")).hasSize(2);
  }
}
