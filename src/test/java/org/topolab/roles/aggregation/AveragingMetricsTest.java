package org.topolab.roles.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.topolab.cluster.MetricsSnapshots;
import org.topolab.metrics.Json;

/** The group's metrics merge to the same digits in any order, and cross to a cluster's coordinator intact. */
class AveragingMetricsTest {

  private static final long SECOND = 1_000_000_000L;

  /** Metrics of {@code nodes} nodes of which those with {@code id % parts == part} recorded values. */
  private static AveragingMetrics part(int nodes, int parts, int part) {
    AveragingMetrics metrics = new AveragingMetrics(nodes, SECOND, 3);
    for (int id = part; id < nodes; id += parts) {
      Random random = new Random(id);
      double value = 1e6 + random.nextDouble();
      for (int k = 0; k <= 3; k++) {
        metrics.held(k, k + 1, value);
        value = 1e6 + (value - 1e6) * random.nextDouble();
      }
      metrics.exchanged(id % 3 == 0);
    }
    return metrics;
  }

  private static String report(AveragingMetrics metrics) {
    ObjectNode out = Json.object();
    metrics.write(out);
    return out.toString();
  }

  @Test
  void mergingInAnyOrderGivesTheReportOfOnePiece() {
    int nodes = 500;
    String whole = report(part(nodes, 1, 0));
    AveragingMetrics forward = new AveragingMetrics(nodes, SECOND, 3);
    AveragingMetrics backward = new AveragingMetrics(nodes, SECOND, 3);
    for (int part = 0; part < 3; part++) {
      forward.merge(part(nodes, 3, part));
      backward.merge(part(nodes, 3, 2 - part));
    }
    assertThat(report(forward)).isEqualTo(whole);
    assertThat(report(backward)).isEqualTo(whole);
    assertThat(whole).contains("\"exchanges\":500", "\"exchanges-overlapped\":167");
  }

  @Test
  void aSnapshotRestoresIntoFreshMetrics() {
    AveragingMetrics original = part(300, 2, 1);
    AveragingMetrics restored = new AveragingMetrics(300, SECOND, 3);
    MetricsSnapshots.restore(MetricsSnapshots.snapshot(original), restored);
    assertThat(report(restored)).isEqualTo(report(original));
    assertThat(restored.boundary(3).count()).isEqualTo(150);
  }

  @Test
  void boundariesNotEveryNodeReachedAreNull() {
    AveragingMetrics metrics = new AveragingMetrics(2, SECOND, 2);
    metrics.held(0, 3, 1.0);
    metrics.held(0, 2, 3.0);
    assertThat(metrics.variances()[1]).isEqualTo(1.0);
    assertThat(metrics.variances()[2]).isNaN();
    assertThat(report(metrics)).contains("\"variance\":[1.0,1.0,null]", "\"reductions\":[1.0,null]", "\"mean-end\":null");
  }
}
