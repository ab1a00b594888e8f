package org.topolab.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real-time clock's thread: timers in due order, never early, and tasks run between them. */
class RealTimeTest {

  @Test
  void timersFireInDueOrderNoEarlierThanDueOnTheClocksThread() throws Exception {
    List<String> fired = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(4);
    try (RealTime time = new RealTime(1)) {
      // Filed from this thread before the start: they count from the start.
      for (long ms : new long[] {30, 10, 20, 10}) {
        time.schedule(ms * 1_000_000, 0, () -> {
          long now = time.now();
          fired.add(ms + "ms " + (now >= ms * 1_000_000) + " " + Thread.currentThread().getName());
          done.countDown();
        });
      }
      Thread.sleep(20);
      assertThat(fired).as("nothing fires before the start").isEmpty();
      time.start();
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(fired)
          .containsExactly(
              "10ms true topolab-real-time", "10ms true topolab-real-time",
              "20ms true topolab-real-time", "30ms true topolab-real-time");
      assertThat(time.events()).isEqualTo(4);
      assertThat(time.maxLagNanos()).isGreaterThanOrEqualTo((long) time.meanLagNanos());
    }
  }

  @Test
  void tasksFromATimerRunBeforeTheNextTimerAndTasksAfterCloseStillRun() throws Exception {
    List<String> order = new CopyOnWriteArrayList<>();
    CountDownLatch later = new CountDownLatch(1);
    RealTime time = new RealTime(1);
    try (time) {
      time.start();
      CountDownLatch done = new CountDownLatch(1);
      time.schedule(1_000_000, 0, () -> {
        order.add("first timer");
        time.execute(() -> order.add("its task"));
        time.schedule(0, 0, () -> {
          order.add("a timer due now");
          done.countDown();
        });
      });
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(order).containsExactly("first timer", "its task", "a timer due now");
    }
    time.execute(later::countDown);
    assertThat(later.await(10, TimeUnit.SECONDS)).as("a task after close runs on a common pool").isTrue();
  }
}
