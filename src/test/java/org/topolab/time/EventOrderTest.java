package org.topolab.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Events of one instant fire in the order of their keys (origin node, then its sequence number),
 * whatever order they were filed in: the property that lets a run be split without changing it.
 */
class EventOrderTest {

  private record Event(long time, int origin, long sequence) {}

  /** Files {@code events} in the given order, runs them all, and returns the order they fired in. */
  private static List<Event> fire(List<Event> events, Consumer<VirtualTime> extra) {
    VirtualExecutor executor = VirtualExecutor.register();
    try {
      executor.attach();
      VirtualTime time = new VirtualTime(executor);
      List<Event> fired = new ArrayList<>();
      for (Event event : events) {
        time.schedule(event.time(), EventKey.of(event.origin(), event.sequence()), () -> fired.add(event));
      }
      extra.accept(time);
      time.runUntil(Long.MAX_VALUE);
      return fired;
    } finally {
      executor.detach();
      executor.unregister();
    }
  }

  private static List<Event> someEvents() {
    SplittableRandom random = new SplittableRandom(11);
    List<Event> events = new ArrayList<>();
    long[] sequences = new long[50];
    for (int i = 0; i < 5_000; i++) {
      int origin = random.nextInt(50) - 1; // the engine (-1) and nodes 0..48
      long sequence = origin < 0 ? i : sequences[origin]++;
      events.add(new Event(random.nextLong(20), origin, sequence)); // 20 instants: many ties
    }
    return events;
  }

  @Test
  void sameInstantEventsFireByOriginThenSequenceWhateverTheFilingOrder() {
    List<Event> events = someEvents();
    List<Event> expected = new ArrayList<>(events);
    expected.sort(Comparator.comparingLong(Event::time).thenComparingInt(Event::origin).thenComparingLong(Event::sequence));

    List<Event> reversed = new ArrayList<>(events);
    java.util.Collections.reverse(reversed);
    List<Event> shuffled = new ArrayList<>(events);
    java.util.Collections.shuffle(shuffled, new java.util.Random(3));

    assertThat(fire(events, time -> {})).containsExactlyElementsOf(expected);
    assertThat(fire(reversed, time -> {})).containsExactlyElementsOf(expected);
    assertThat(fire(shuffled, time -> {})).containsExactlyElementsOf(expected);
  }

  @Test
  void anEventFiledForTheCurrentInstantTakesItsPlaceByKey() {
    VirtualExecutor executor = VirtualExecutor.register();
    try {
      executor.attach();
      VirtualTime time = new VirtualTime(executor);
      List<String> log = new ArrayList<>();
      time.schedule(10, EventKey.of(5, 0), () -> {
        log.add("node 5 first");
        // Filed while instant 10 runs: node 2's event goes before node 7's, which was there first.
        time.schedule(0, EventKey.of(2, 0), () -> log.add("node 2"));
      });
      time.schedule(10, EventKey.of(7, 0), () -> log.add("node 7"));
      time.runUntil(Long.MAX_VALUE);
      assertThat(log).containsExactly("node 5 first", "node 2", "node 7");
    } finally {
      executor.detach();
      executor.unregister();
    }
  }

  @Test
  void theFingerprintFollowsTheSequenceOfEventsNotTheFilingOrder() {
    List<Event> events = someEvents();
    List<Event> reversed = new ArrayList<>(events);
    java.util.Collections.reverse(reversed);
    assertThat(fingerprint(reversed)).isEqualTo(fingerprint(events));
    List<Event> shifted = new ArrayList<>(events);
    Event moved = shifted.remove(0);
    shifted.add(new Event(moved.time() + 1, moved.origin(), moved.sequence()));
    assertThat(fingerprint(shifted)).isNotEqualTo(fingerprint(events));
  }

  private static long fingerprint(List<Event> events) {
    long[] result = new long[1];
    VirtualExecutor executor = VirtualExecutor.register();
    try {
      executor.attach();
      VirtualTime time = new VirtualTime(executor);
      for (Event event : events) {
        time.schedule(event.time(), EventKey.of(event.origin(), event.sequence()), () -> {});
      }
      time.runUntil(Long.MAX_VALUE);
      result[0] = time.fingerprint();
    } finally {
      executor.detach();
      executor.unregister();
    }
    return result[0];
  }

  @Test
  void keysSortAsTheirOriginAndSequence() {
    assertThat(EventKey.of(SimTime.ENGINE, 1_000)).isLessThan(EventKey.of(0, 0));
    assertThat(EventKey.of(3, 99)).isLessThan(EventKey.of(4, 0));
    assertThat(EventKey.origin(EventKey.of(12_345, 678))).isEqualTo(12_345);
    assertThat(EventKey.sequence(EventKey.of(12_345, 678))).isEqualTo(678);
    assertThat(EventKey.origin(EventKey.of(SimTime.ENGINE, 5))).isEqualTo(SimTime.ENGINE);
  }
}
