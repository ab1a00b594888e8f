package org.topolab.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

  private static final long MILLI = 1_000_000L;

  @Test
  void meanIsExactAndPercentilesKeepThreeSignificantDigits() {
    LatencyStats stats = new LatencyStats();
    // 1 ms, 2 ms, ..., 1000 ms, in a shuffled order.
    for (int i = 0; i < 1000; i++) {
      stats.record(((i * 379L) % 1000 + 1) * MILLI + 1);
    }
    assertThat(stats.count()).isEqualTo(1000);
    // Mean of 1..1000 ms is 500.5 ms, plus the 1 ns added to each.
    assertThat(stats.meanNanos()).isEqualTo(500.5 * MILLI + 1);
    // The k-th percentile of 1..1000 ms is k*10 ms; the histogram is within 0.1% of it.
    assertThat((double) stats.percentileNanos(50)).isCloseTo(500 * MILLI, within(0.5 * MILLI));
    assertThat((double) stats.percentileNanos(90)).isCloseTo(900 * MILLI, within(0.9 * MILLI));
    assertThat((double) stats.percentileNanos(99)).isCloseTo(990 * MILLI, within(0.99 * MILLI));
  }

  @Test
  void writesMillisecondsForTheReport() {
    LatencyStats stats = new LatencyStats();
    stats.record(10 * MILLI);
    stats.record(20 * MILLI);
    stats.record(30 * MILLI);
    ObjectNode out = Json.object();
    stats.writeMillis(out);
    assertThat(out.get("mean").asDouble()).isEqualTo(20.0);
    assertThat(out.get("p50").asDouble()).isCloseTo(20.0, within(0.02));
    assertThat(out.get("max").asDouble()).isCloseTo(30.0, within(0.03));
    assertThat(out.get("p90").asDouble()).isCloseTo(30.0, within(0.03));
    assertThat(out.get("p99").asDouble()).isCloseTo(30.0, within(0.03));
  }

  @Test
  void nothingRecordedReportsZeros() {
    LatencyStats stats = new LatencyStats();
    ObjectNode out = Json.object();
    stats.writeMillis(out);
    assertThat(stats.meanNanos()).isZero();
    assertThat(out.get("mean").asDouble()).isZero();
    assertThat(out.get("max").asDouble()).isZero();
  }
}
