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
  private long sequence;
  private long fired;

  // A 4-ary heap: entry i has its time and sequence number at keys[2i], keys[2i+1] and its target
  // and message at items[2i], items[2i+1]. No event object is allocated per timer, and the four
  // children of an entry share one cache line of keys, which matters with a million timers queued.
  private long[] keys = new long[2048];
  private Object[] items = new Object[2048];
  private int size;

  /** A clock at zero whose actors run on {@code executor}. */
  public VirtualTime(VirtualExecutor executor) {
    this.executor = executor;
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

  /** Runs every actor task that is ready, without advancing the clock. */
  public void runReady() {
    executor.drain();
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
    while (size > 0 && keys[0] <= limitNanos) {
      if ((fired & 0xFFFF) == 0) {
        progress.accept(now);
      }
      now = keys[0];
      Object target = items[0];
      Object message = items[1];
      pop();
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

  /** Moves the clock to {@code time} if it lies ahead, as the end of a run does. */
  public void advanceTo(long time) {
    if (time > now) {
      now = time;
    }
  }

  /** Events still waiting. */
  public int pending() {
    return size;
  }

  private void push(long time, Object target, Object message) {
    if (2 * size == keys.length) {
      keys = Arrays.copyOf(keys, keys.length * 2);
      items = Arrays.copyOf(items, items.length * 2);
    }
    long seq = sequence++;
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 2;
      if (!before(time, seq, keys[2 * parent], keys[2 * parent + 1])) {
        break;
      }
      move(parent, i);
      i = parent;
    }
    set(i, time, seq, target, message);
  }

  private void pop() {
    int last = --size;
    long time = keys[2 * last];
    long seq = keys[2 * last + 1];
    Object target = items[2 * last];
    Object message = items[2 * last + 1];
    items[2 * last] = null;
    items[2 * last + 1] = null;
    if (last == 0) {
      return;
    }
    int i = 0;
    while (true) {
      int first = 4 * i + 1;
      if (first >= last) {
        break;
      }
      int best = first;
      int end = Math.min(first + 4, last);
      for (int child = first + 1; child < end; child++) {
        if (before(keys[2 * child], keys[2 * child + 1], keys[2 * best], keys[2 * best + 1])) {
          best = child;
        }
      }
      if (!before(keys[2 * best], keys[2 * best + 1], time, seq)) {
        break;
      }
      move(best, i);
      i = best;
    }
    set(i, time, seq, target, message);
  }

  private static boolean before(long time, long seq, long otherTime, long otherSeq) {
    return time < otherTime || (time == otherTime && seq < otherSeq);
  }

  private void move(int from, int to) {
    set(to, keys[2 * from], keys[2 * from + 1], items[2 * from], items[2 * from + 1]);
  }

  private void set(int i, long time, long seq, Object target, Object message) {
    keys[2 * i] = time;
    keys[2 * i + 1] = seq;
    items[2 * i] = target;
    items[2 * i + 1] = message;
  }
}
