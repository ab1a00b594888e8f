package org.topolab.time;

import java.util.Arrays;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Discrete-event time: a queue of timed events that the driving thread fires in time order,
 * jumping the clock from one to the next.
 *
 * <p>Actors run on a {@link VirtualExecutor} that the same thread drains after every event, so a
 * message sent at time t is processed, with everything it causes, before the clock moves on. Events
 * of the same instant fire in the order of their keys (origin node, then that node's sequence
 * number; see {@link SimTime}), which makes a run deterministic whatever the order of filing.
 */
public final class VirtualTime implements SimTime {

  private static final Object RUNNABLE = new Object();

  private final VirtualExecutor executor;
  private long now;
  private long fired;
  private long fingerprint;
  // Each node's count of the events it has caused, grown as nodes show up; the engine's apart.
  private long[] sequences = new long[0];
  private long engineSequence;

  // The event queue is a radix heap: simulated time only moves forward, so an event can be filed
  // by the highest bit in which its time differs from the last time taken out. Filing is an append,
  // taking out rescans one bucket at a time, and each event moves down a few buckets at most: far
  // cheaper than a binary heap's sift over a large queue. The events of the current instant sit in
  // a small binary heap ordered by key.
  private final Bucket[] buckets = new Bucket[65];
  private final Instant current = new Instant();
  private long last;
  private int size;

  /** A clock at zero whose actors run on {@code executor}. */
  public VirtualTime(VirtualExecutor executor) {
    this.executor = executor;
    for (int i = 1; i < buckets.length; i++) {
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

  /**
   * A hash of the events fired so far: each one's time, key and the type of what it delivered.
   * Time and key place an event in the canonical order, so equal fingerprints mean the same
   * sequence of events. It is a sum, so the fingerprints of a run's partitions add up to the one
   * the run would have in one piece.
   */
  public long fingerprint() {
    return fingerprint;
  }

  @Override
  public long nextKey(int origin) {
    if (origin == ENGINE) {
      return EventKey.of(ENGINE, engineSequence++);
    }
    if (origin >= sequences.length) {
      sequences = Arrays.copyOf(sequences, Math.max(origin + 1, sequences.length * 2));
    }
    return EventKey.of(origin, sequences[origin]++);
  }

  @Override
  public void schedule(long delayNanos, long key, Runnable action) {
    push(now + Math.max(0, delayNanos), key, action, RUNNABLE);
  }

  @Override
  public <T> void tell(long delayNanos, long key, ActorRef<T> target, T message) {
    push(now + Math.max(0, delayNanos), key, Delivery.target(target), message);
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
    Instant instant = current;
    while (size > 0) {
      if (instant.size == 0 && !refill(limitNanos)) {
        return;
      }
      if (last > limitNanos) {
        return;
      }
      if ((fired & 0xFFFF) == 0) {
        progress.accept(now);
      }
      now = last;
      long key = instant.minKey();
      Object target = instant.minTarget();
      Object message = instant.minMessage();
      instant.removeMin();
      size--;
      fired++;
      if (message == RUNNABLE) {
        note(key, target instanceof Payload payload ? payload.payload() : target);
        ((Runnable) target).run();
      } else {
        note(key, message);
        Delivery.deliver(target, message);
      }
      executor.drain();
    }
  }

  private void note(long key, Object subject) {
    long h = mix(now * 0x9E3779B97F4A7C15L + key);
    fingerprint += mix(h + subject.getClass().getName().hashCode());
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
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
    if (current.size > 0) {
      return last;
    }
    // Only look: moving events would shift the heap's reference time past the clock.
    Bucket bucket = lowestNonEmpty();
    long min = Long.MAX_VALUE;
    for (int i = 0; i < bucket.size; i++) {
      min = Math.min(min, bucket.times[i]);
    }
    return min;
  }

  /** Events still waiting. */
  public int pending() {
    return size;
  }

  private void push(long time, long key, Object target, Object message) {
    if (time == last) {
      current.add(key, target, message);
    } else {
      buckets[64 - Long.numberOfLeadingZeros(time ^ last)].add(time, key, target, message);
    }
    size++;
  }

  private Bucket lowestNonEmpty() {
    int index = 1;
    while (buckets[index].size == 0) {
      index++;
    }
    return buckets[index];
  }

  /**
   * Moves the earliest events into the current instant, unless they lie beyond {@code
   * limitNanos}; returns whether it did. The earliest events are in the lowest non-empty bucket.
   */
  private boolean refill(long limitNanos) {
    Bucket bucket = lowestNonEmpty();
    long min = Long.MAX_VALUE;
    for (int i = 0; i < bucket.size; i++) {
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
      if (time == last) {
        current.add(bucket.keys[i], bucket.targets[i], bucket.messages[i]);
      } else {
        buckets[64 - Long.numberOfLeadingZeros(time ^ last)].add(time, bucket.keys[i], bucket.targets[i], bucket.messages[i]);
      }
      bucket.targets[i] = null;
      bucket.messages[i] = null;
    }
    return true;
  }

  /** Events filed under one bit, in no particular order. */
  private static final class Bucket {
    long[] times = new long[16];
    long[] keys = new long[16];
    Object[] targets = new Object[16];
    Object[] messages = new Object[16];
    int size;

    void add(long time, long key, Object target, Object message) {
      if (size == times.length) {
        times = Arrays.copyOf(times, size * 2);
        keys = Arrays.copyOf(keys, size * 2);
        targets = Arrays.copyOf(targets, size * 2);
        messages = Arrays.copyOf(messages, size * 2);
      }
      times[size] = time;
      keys[size] = key;
      targets[size] = target;
      messages[size] = message;
      size++;
    }
  }

  /** The events of the current instant: a binary min-heap by key. */
  private static final class Instant {
    long[] keys = new long[16];
    Object[] targets = new Object[16];
    Object[] messages = new Object[16];
    int size;

    long minKey() {
      return keys[0];
    }

    Object minTarget() {
      return targets[0];
    }

    Object minMessage() {
      return messages[0];
    }

    void add(long key, Object target, Object message) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        targets = Arrays.copyOf(targets, size * 2);
        messages = Arrays.copyOf(messages, size * 2);
      }
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (keys[parent] <= key) {
          break;
        }
        move(parent, i);
        i = parent;
      }
      set(i, key, target, message);
    }

    void removeMin() {
      int n = --size;
      long key = keys[n];
      Object target = targets[n];
      Object message = messages[n];
      targets[n] = null;
      messages[n] = null;
      if (n == 0) {
        return;
      }
      int i = 0;
      while (true) {
        int child = 2 * i + 1;
        if (child >= n) {
          break;
        }
        if (child + 1 < n && keys[child + 1] < keys[child]) {
          child++;
        }
        if (keys[child] >= key) {
          break;
        }
        move(child, i);
        i = child;
      }
      set(i, key, target, message);
    }

    private void move(int from, int to) {
      keys[to] = keys[from];
      targets[to] = targets[from];
      messages[to] = messages[from];
    }

    private void set(int i, long key, Object target, Object message) {
      keys[i] = key;
      targets[i] = target;
      messages[i] = message;
    }
  }
}
