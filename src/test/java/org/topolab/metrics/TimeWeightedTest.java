package org.topolab.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.topolab.node.RunWindow;

class TimeWeightedTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void valueHeldForHalfTheWindowAveragesToHalfOfIt() {
    TimeWeighted busy = new TimeWeighted(new RunWindow(0, 10 * SECOND, SECOND));
    busy.add(0, 2);
    busy.add(5 * SECOND, -2);
    // 2 for 5 s, then 0 for 5 s: (2*5 + 0*5) / 10 = 1.
    assertThat(busy.windowMean()).isCloseTo(1.0, within(1e-12));
    // One mean per 1 s interval: 2 in the first five, 0 after.
    assertThat(busy.series()).containsExactly(2, 2, 2, 2, 2, 0, 0, 0, 0, 0);
  }

  @Test
  void changesInsideAnIntervalAreWeightedByTheirShare() {
    TimeWeighted queue = new TimeWeighted(new RunWindow(0, 2 * SECOND, SECOND));
    queue.add(SECOND / 2, 1);
    queue.add(SECOND + SECOND / 4, -1);
    // 1 over [0.5 s, 1.25 s): half of the first interval and a quarter of the second.
    assertThat(queue.series()).containsExactly(0.5, 0.25);
    // 0.75 s of 1 in a 2 s window.
    assertThat(queue.windowMean()).isCloseTo(0.375, within(1e-12));
  }

  @Test
  void warmupIsLeftOutOfTheMeanButNotOutOfTheSeries() {
    TimeWeighted busy = new TimeWeighted(new RunWindow(5 * SECOND, 10 * SECOND, SECOND));
    busy.add(4 * SECOND, 3);
    busy.add(6 * SECOND, -3);
    // 3 over [4 s, 6 s) but the window is [5 s, 10 s): 3 * 1 s / 5 s = 0.6.
    assertThat(busy.windowMean()).isCloseTo(0.6, within(1e-12));
    assertThat(busy.series()).containsExactly(0, 0, 0, 0, 3, 3, 0, 0, 0, 0);
  }

  @Test
  void aShortLastIntervalIsAveragedOverItsOwnLength() {
    TimeWeighted busy = new TimeWeighted(new RunWindow(0, 2 * SECOND + SECOND / 2, SECOND));
    busy.add(0, 1);
    // Intervals [0,1), [1,2), [2,2.5): 1 throughout, so each mean is 1, including the half interval.
    assertThat(busy.series()).containsExactly(1, 1, 1);
    assertThat(busy.windowMean()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void changesAfterTheEndDoNotCount() {
    TimeWeighted busy = new TimeWeighted(new RunWindow(0, 10 * SECOND, SECOND));
    busy.add(8 * SECOND, 1);
    busy.add(12 * SECOND, 100);
    // 1 over [8 s, 10 s) only: 2 / 10.
    assertThat(busy.windowMean()).isCloseTo(0.2, within(1e-12));
  }
}
