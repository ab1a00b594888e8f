package org.topolab.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.topolab.node.RunWindow;

class RateSeriesTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void countsPerIntervalAsEventsPerSecond() {
    RateSeries series = new RateSeries(new RunWindow(0, 3 * SECOND, SECOND / 2));
    series.count(SECOND / 10);
    series.count(SECOND / 5);
    series.count(SECOND / 5);
    series.count(3 * SECOND / 2);
    // Six half-second intervals: three events in the first = 6/s, one in the fourth = 2/s.
    assertThat(series.perSecond()).containsExactly(6, 0, 0, 2, 0, 0);
  }

  @Test
  void eventsAtOrAfterTheEndAreNotKept() {
    RateSeries series = new RateSeries(new RunWindow(0, 2 * SECOND, SECOND));
    series.count(2 * SECOND);
    series.count(5 * SECOND);
    assertThat(series.perSecond()).containsExactly(0, 0);
  }

  @Test
  void aShortLastIntervalIsDividedByItsOwnLength() {
    RateSeries series = new RateSeries(new RunWindow(0, 2 * SECOND + SECOND / 2, SECOND));
    series.count(2 * SECOND + SECOND / 4);
    // One event in the last interval, [2 s, 2.5 s): 1 / 0.5 s = 2/s.
    assertThat(series.perSecond()).containsExactly(0, 0, 2);
  }
}
