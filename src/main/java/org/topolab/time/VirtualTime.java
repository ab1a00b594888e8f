package org.topolab.time;

import java.util.Arrays;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Discrete-event time: a queue of timed events that the driving thread fires in time order,
 * jumping the clock from one to the next.
 *
 * <p>Actors run on a {@link VirtualExecutor} that the same thread drains after every event, so a
 * message sent at time t is processed, with everything it causes, before the clock moves on. Events
 * at the same instant fire in the order they were scheduled, which makes a run deterministic.
 */
public final class VirtualTime implements SimTime {

  private static final Object RUNNABLE = new Object();

  private final VirtualExecutor executor;
  private long now;
  private long fired;

  // The event queue is a radix heap: simulated time only moves forward, so an event can be filed
  // by the highest bit in which its time differs from the last time taken out. Filing is an append,
  // taking out rescans one bucket at a time, and each event moves down a few buckets at most: far
  // cheaper than a binary heap's sift over a large queue. Appends keep events of the same instant in
  // the order they were scheduled.
  private final Bucket[] buckets = new Bucket[65];
  private long last;
  private int size;

  /** A clock at zero whose actors run on {@code executor}. */
  public VirtualTime(VirtualExecutor executor) {
    this.executor = executor;
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new Bucket();
    }
  }

  @Override
  public long now() {
    return now;
  }

  @Override
  public long events() {
    return fired;
  }

  @Override
  public void schedule(long delayNanos, Runnable action) {
    push(now + Math.max(0, delayNanos), action, RUNNABLE);
  }

  @Override
  public <T> void tell(long delayNanos, ActorRef<T> target, T message) {
    push(now + Math.max(0, delayNanos), target, message);
  }

  /** Runs actor tasks, waiting for those from other threads, until {@code condition} holds. */
  public void runReadyUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    executor.drainUntil(condition, 120_000);
  }

  /**
   * Fires events in time order until none is left or the next one lies beyond {@code limitNanos};
   * the clock ends at the last event fired.
   */
  public void runUntil(long limitNanos) {
    runUntil(limitNanos, now -> {});
  }

  /** As {@link #runUntil(long)}, telling {@code progress} the clock every 65,536 events. */
  public void runUntil(long limitNanos, java.util.function.LongConsumer progress) {
    executor.drain();
    Bucket now0 = buckets[0];
    while (size > 0) {
      if (now0.isEmpty() && !refill(limitNanos)) {
        return;
      }
      if (last > limitNanos) {
        return;
      }
      if ((fired & 0xFFFF) == 0) {
        progress.accept(now);
      }
      now = last;
      int head = now0.head++;
      Object target = now0.targets[head];
      Object message = now0.messages[head];
      now0.targets[head] = null;
      now0.messages[head] = null;
      if (now0.head == now0.size) {
        now0.head = 0;
        now0.size = 0;
      }
      size--;
      fired++;
      if (message == RUNNABLE) {
        ((Runnable) target).run();
      } else {
        @SuppressWarnings("unchecked")
        ActorRef<Object> ref = (ActorRef<Object>) target;
        ref.tell(message);
      }
      executor.drain();
    }
  }

  /**
   * Fires every event up to {@code timeNanos}, then sets the clock to it: simulated time passes
   * even when nothing happens. A time in the past only runs what is ready now.
   */
  public void advanceTo(long timeNanos) {
    runUntil(timeNanos);
    now = Math.max(now, timeNanos);
  }

  /** The time of the earliest waiting event, or {@code Long.MAX_VALUE} if none is waiting. */
  public long nextEventTime() {
    if (size == 0) {
      return Long.MAX_VALUE;
    }
    if (!buckets[0].isEmpty()) {
      return last;
    }
    // Only look: moving events would shift the heap's reference time past the clock.
    int index = 1;
    while (buckets[index].isEmpty()) {
      index++;
    }
    Bucket bucket = buckets[index];
    long min = Long.MAX_VALUE;
    for (int i = bucket.head; i < bucket.size; i++) {
      min = Math.min(min, bucket.times[i]);
    }
    return min;
  }

  /** Events still waiting. */
  public int pending() {
    return size;
  }

  private void push(long time, Object target, Object message) {
    buckets[bucketOf(time)].add(time, target, message);
    size++;
  }

  private int bucketOf(long time) {
    return time == last ? 0 : 64 - Long.numberOfLeadingZeros(time ^ last);
  }

  /**
   * Moves the earliest events into bucket 0, unless they lie beyond {@code limitNanos}; returns
   * whether it did. The earliest events are in the lowest non-empty bucket.
   */
  private boolean refill(long limitNanos) {
    int index = 1;
    while (buckets[index].isEmpty()) {
      index++;
    }
    Bucket bucket = buckets[index];
    long min = Long.MAX_VALUE;
    for (int i = bucket.head; i < bucket.size; i++) {
      min = Math.min(min, bucket.times[i]);
    }
    if (min > limitNanos) {
      return false;
    }
    // Everything in this bucket now differs from the new reference time in a lower bit only.
    last = min;
    int count = bucket.size;
    bucket.size = 0;
    for (int i = 0; i < count; i++) {
      long time = bucket.times[i];
      buckets[bucketOf(time)].add(time, bucket.targets[i], bucket.messages[i]);
      bucket.targets[i] = null;
      bucket.messages[i] = null;
    }
    return true;
  }

  /** Events filed under one bit: appended in scheduling order, taken from the head. */
  private static final class Bucket {
    long[] times = new long[16];
    Object[] targets = new Object[16];
    Object[] messages = new Object[16];
    int head;
    int size;

    boolean isEmpty() {
      return head == size;
    }

    void add(long time, Object target, Object message) {
      if (size == times.length) {
        times = Arrays.copyOf(times, size * 2);
        targets = Arrays.copyOf(targets, size * 2);
        messages = Arrays.copyOf(messages, size * 2);
      }
      times[size] = time;
      targets[size] = target;
      messages[size] = message;
      size++;
    }
  }
}
