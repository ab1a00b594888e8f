package org.topolab.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VirtualTimeTest {

  private record Fired(long time, int order) {}

  @Test
  void firesEventsInTimeOrderAndSameInstantEventsInSchedulingOrder() {
    VirtualExecutor executor = VirtualExecutor.register();
    try {
      executor.attach();
      VirtualTime time = new VirtualTime(executor);
      List<Fired> fired = new ArrayList<>();
      List<Fired> expected = new ArrayList<>();
      SplittableRandom random = new SplittableRandom(7);
      for (int i = 0; i < 20_000; i++) {
        long at = random.nextLong(1_000); // few distinct instants: many ties
        int order = i;
        expected.add(new Fired(at, order));
        time.schedule(at, () -> {
          assertThat(time.now()).isEqualTo(at);
          fired.add(new Fired(time.now(), order));
        });
      }
      time.runUntil(Long.MAX_VALUE);
      expected.sort(Comparator.comparingLong(Fired::time).thenComparingInt(Fired::order));
      assertThat(fired).containsExactlyElementsOf(expected);
      assertThat(time.events()).isEqualTo(20_000);
      assertThat(time.pending()).isZero();
    } finally {
      executor.detach();
      executor.unregister();
    }
  }

  @Test
  void eventsScheduledWhileRunningInterleaveWithQueuedOnes() {
    VirtualExecutor executor = VirtualExecutor.register();
    try {
      executor.attach();
      VirtualTime time = new VirtualTime(executor);
      List<String> log = new ArrayList<>();
      time.schedule(10, () -> {
        log.add("a@" + time.now());
        time.schedule(5, () -> log.add("c@" + time.now()));
        time.schedule(0, () -> log.add("b@" + time.now()));
      });
      time.schedule(12, () -> log.add("d@" + time.now()));
      time.schedule(30, () -> log.add("never"));
      time.runUntil(20);
      assertThat(log).containsExactly("a@10", "b@10", "d@12", "c@15");
      assertThat(time.now()).isEqualTo(15);
      assertThat(time.pending()).isEqualTo(1);
    } finally {
      executor.detach();
      executor.unregister();
    }
  }
}
