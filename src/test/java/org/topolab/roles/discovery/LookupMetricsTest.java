package org.topolab.roles.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.topolab.cluster.MetricsSnapshots;
import org.topolab.metrics.Json;
import org.topolab.node.RunWindow;
import org.topolab.role.SummaryRow;

/** What the lookup metrics count, and that partitions and snapshots merge exactly. */
class LookupMetricsTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  // Warm-up until 10 s, workload until 100 s.
  private static final RunWindow WINDOW = new RunWindow(10 * SECOND, 100 * SECOND, SECOND);

  private static JsonNode lookups(LookupMetrics metrics) {
    ObjectNode group = Json.object();
    metrics.write(group);
    return group.get("lookups");
  }

  @Test
  void lookupsCountByTheirStartAndNodesByWhenTheyHandledAMessage() {
    LookupMetrics metrics = new LookupMetrics(WINDOW, 4);
    // Ten lookups inside the window: hops 1, 1, 2, 2, 2, 3, 3, 3, 3, 7, latencies 10 ms to 100 ms.
    int[] hops = {1, 1, 2, 2, 2, 3, 3, 3, 3, 7};
    for (int i = 0; i < hops.length; i++) {
      long start = (20 + i) * SECOND;
      metrics.started(start);
      metrics.messages(start, 4);
      metrics.succeeded(start, start + (i + 1) * 10 * MS, hops[i]);
    }
    // Two that fail, with 9 messages each; one in the warm-up that succeeds, and its messages.
    for (long start : new long[] {50 * SECOND, 60 * SECOND}) {
      metrics.started(start);
      metrics.messages(start, 9);
    }
    metrics.started(5 * SECOND);
    metrics.messages(5 * SECOND, 100);
    metrics.succeeded(5 * SECOND, 12 * SECOND, 30);
    // Node loads 0, 3, 1, 6 in the window; messages in the warm-up and at the end do not count.
    int[] handled = {0, 3, 1, 6};
    for (int node = 0; node < 4; node++) {
      for (int m = 0; m < handled[node]; m++) {
        metrics.handled(node, 30 * SECOND);
      }
      metrics.handled(node, 9 * SECOND);
      metrics.handled(node, 100 * SECOND);
    }
    JsonNode out = lookups(metrics);
    assertThat(out.get("sent").asLong()).isEqualTo(12);
    assertThat(out.get("succeeded").asLong()).isEqualTo(10);
    assertThat(out.get("success-rate").asDouble()).isEqualTo(Json.round(10 / 12.0, 6));
    assertThat(out.get("hops").get("mean").asDouble()).isEqualTo(2.7);
    assertThat(out.get("hops").get("p50").asInt()).isEqualTo(2);
    assertThat(out.get("hops").get("p99").asInt()).isEqualTo(7);
    assertThat(out.get("hops").get("max").asInt()).isEqualTo(7);
    assertThat(out.get("messages-per-lookup").asDouble()).isEqualTo(Json.round((10 * 4 + 2 * 9) / 12.0, 4));
    assertThat(out.get("latency-ms").get("mean").asDouble()).isEqualTo(55.0);
    assertThat(out.get("latency-ms").get("max").asDouble()).isCloseTo(100.0, within(0.1));
    JsonNode load = out.get("load");
    assertThat(load.get("min").asInt()).isZero();
    assertThat(load.get("mean").asDouble()).isEqualTo(2.5);
    assertThat(load.get("max").asInt()).isEqualTo(6);
    assertThat(load.get("busiest-share").asDouble()).isEqualTo(0.6);
  }

  @Test
  void nothingMeasuredGivesNullsRatherThanNumbers() {
    JsonNode out = lookups(new LookupMetrics(WINDOW, 3));
    assertThat(out.get("sent").asLong()).isZero();
    assertThat(out.get("success-rate").isNull()).isTrue();
    assertThat(out.get("hops").get("mean").isNull()).isTrue();
    assertThat(out.get("hops").get("p50").isNull()).isTrue();
    assertThat(out.get("messages-per-lookup").isNull()).isTrue();
    assertThat(out.get("latency-ms").get("p99").isNull()).isTrue();
    assertThat(out.get("load").get("busiest-share").isNull()).isTrue();
    SummaryRow row = new SummaryRow("default", Map.of());
    new LookupMetrics(WINDOW, 3).summarize("peers", row);
    assertThat(row.cells()).containsEntry("peers hops", "-").containsEntry("peers success", "-");
    assertThat(row.headline()).containsExactly("peers hops");
  }

  /** Random activity of node {@code node} out of {@code nodes}, recorded into {@code metrics}. */
  private static void activity(LookupMetrics metrics, SplittableRandom random, int lookups, int nodes) {
    for (int i = 0; i < lookups; i++) {
      long start = random.nextLong(110 * SECOND);
      metrics.started(start);
      metrics.messages(start, random.nextInt(40));
      if (random.nextInt(10) > 0) {
        metrics.succeeded(start, start + random.nextLong(2 * SECOND), random.nextInt(i % 50 == 0 ? 40 : 6));
      }
      metrics.handled(random.nextInt(nodes), random.nextLong(110 * SECOND));
    }
  }

  @Test
  void partitionsMergedInAnyNumberReportWhatOneMeasured() {
    LookupMetrics whole = new LookupMetrics(WINDOW, 20);
    LookupMetrics first = new LookupMetrics(WINDOW, 20);
    LookupMetrics second = new LookupMetrics(WINDOW, 20);
    activity(whole, new SplittableRandom(1), 500, 20);
    activity(whole, new SplittableRandom(2), 700, 20);
    activity(first, new SplittableRandom(1), 500, 20);
    activity(second, new SplittableRandom(2), 700, 20);
    LookupMetrics merged = new LookupMetrics(WINDOW, 20);
    merged.merge(first);
    merged.merge(second);
    assertThat(lookups(merged)).isEqualTo(lookups(whole));
    assertThat(lookups(merged).get("hops").get("max").asInt()).isGreaterThan(16);
  }

  @Test
  void aSnapshotRestoresIntoFreshMetricsThatReportAndMergeAsTheOriginal() {
    LookupMetrics original = new LookupMetrics(WINDOW, 10);
    activity(original, new SplittableRandom(5), 300, 10);
    LookupMetrics restored = new LookupMetrics(WINDOW, 10);
    MetricsSnapshots.restore(MetricsSnapshots.snapshot(original), restored);
    assertThat(lookups(restored)).isEqualTo(lookups(original));
    LookupMetrics more = new LookupMetrics(WINDOW, 10);
    activity(more, new SplittableRandom(6), 100, 10);
    original.merge(more);
    restored.merge(more);
    assertThat(lookups(restored)).isEqualTo(lookups(original));
  }
}
