package org.topolab.roles.updates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.topolab.cluster.MetricsSnapshots;
import org.topolab.metrics.Json;
import org.topolab.network.LinkSpec;
import org.topolab.node.GroupInfo;
import org.topolab.node.RunWindow;
import org.topolab.role.SummaryRow;

/** What the publisher's metrics count, how they merge, and what they put in the summary. */
class PublisherMetricsTest {

  private static final long SECOND = 1_000_000_000L;

  // Warm-up until 10 s, workload until 100 s: 90 s measured.
  private static final RunWindow WINDOW = new RunWindow(10 * SECOND, 100 * SECOND, SECOND);
  private static final GroupInfo SUBS = new GroupInfo("subs", "subscriber", 1, 40, LinkSpec.UNLIMITED);
  private static final Publisher.Spec PUSH_ALL = new Publisher.Spec(1000, new ReleaseSchedule.At(new long[] {SECOND}), SUBS, 40);

  private static JsonNode publisher(PublisherMetrics metrics) {
    ObjectNode group = Json.object();
    metrics.write(group);
    return group.get("publisher");
  }

  /** A release at {@code at} pushed to 40 nodes, and a poll answered up to date. */
  private static void story(PublisherMetrics metrics, long at) {
    metrics.released(at);
    for (int i = 0; i < 40; i++) {
      metrics.sent(at, 1020);
    }
    metrics.polled(at);
    metrics.sent(at, NotModified.BYTES);
  }

  @Test
  void countsWhatHappensInsideTheWindowPerRelease() {
    PublisherMetrics metrics = new PublisherMetrics(WINDOW, PUSH_ALL, 8e6);
    story(metrics, 5 * SECOND); // in the warm-up
    story(metrics, 20 * SECOND);
    story(metrics, 60 * SECOND);
    story(metrics, 100 * SECOND); // at the end of the workload
    JsonNode out = publisher(metrics);
    assertThat(out.get("releases").asLong()).isEqualTo(2);
    assertThat(out.get("update-bytes").asLong()).isEqualTo(1000);
    assertThat(out.get("push-to").asText()).isEqualTo("subs");
    assertThat(out.get("pushed-per-update").asInt()).isEqualTo(40);
    assertThat(out.get("messages-sent").asLong()).isEqualTo(82);
    assertThat(out.get("bytes-sent").asLong()).isEqualTo(2 * (40 * 1020 + NotModified.BYTES));
    assertThat(out.get("messages-received").asLong()).isEqualTo(2);
    assertThat(out.get("polls").asLong()).isEqualTo(2);
    assertThat(out.get("messages-per-update").asDouble()).isEqualTo(41.0);
    assertThat(out.get("bytes-per-update").asDouble()).isEqualTo(40 * 1020.0 + NotModified.BYTES);
    // 40 × 1020 bytes × 8 / 8 Mbps.
    assertThat(out.get("theory").get("push-s").asDouble()).isEqualTo(0.0408);
  }

  @Test
  void noReleaseGivesNullsPerUpdateAndADashInTheSummary() {
    PublisherMetrics metrics = new PublisherMetrics(WINDOW, PUSH_ALL, 8e6);
    metrics.polled(20 * SECOND);
    JsonNode out = publisher(metrics);
    assertThat(out.get("messages-per-update").isNull()).isTrue();
    assertThat(out.get("bytes-per-update").isNull()).isTrue();
    SummaryRow row = new SummaryRow("default", Map.of());
    metrics.summarize("origin", row);
    assertThat(row.cells()).containsEntry("origin MB/update", "-");
    assertThat(row.headline()).containsExactly("origin MB/update");
  }

  @Test
  void partitionsMergedAndSnapshotsRestoredReportAsOne() {
    PublisherMetrics whole = new PublisherMetrics(WINDOW, PUSH_ALL, 8e6);
    PublisherMetrics first = new PublisherMetrics(WINDOW, PUSH_ALL, 8e6);
    PublisherMetrics second = new PublisherMetrics(WINDOW, PUSH_ALL, 8e6);
    for (int i = 1; i <= 9; i++) {
      story(whole, i * 10 * SECOND);
      story(i % 2 == 0 ? first : second, i * 10 * SECOND);
    }
    PublisherMetrics merged = new PublisherMetrics(WINDOW, PUSH_ALL, 8e6);
    merged.merge(first);
    merged.merge(second);
    assertThat(publisher(merged)).isEqualTo(publisher(whole));
    PublisherMetrics restored = new PublisherMetrics(WINDOW, PUSH_ALL, 8e6);
    MetricsSnapshots.restore(MetricsSnapshots.snapshot(whole), restored);
    assertThat(publisher(restored)).isEqualTo(publisher(whole));
    SummaryRow row = new SummaryRow("default", Map.of());
    whole.summarize("origin", row);
    assertThat(row.cells()).containsEntry("origin MB/update", "0.041").containsEntry("origin polls/s", "0.1");
  }
}
