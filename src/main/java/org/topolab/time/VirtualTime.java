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

  // A binary heap kept in parallel arrays: no event object is allocated per timer.
  private long[] times = new long[1024];
  private long[] sequences = new long[1024];
  private Object[] targets = new Object[1024];
  private Object[] messages = new Object[1024];
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
    executor.drain();
    while (size > 0 && times[0] <= limitNanos) {
      now = times[0];
      Object target = targets[0];
      Object message = messages[0];
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
    if (size == times.length) {
      int capacity = size * 2;
      times = Arrays.copyOf(times, capacity);
      sequences = Arrays.copyOf(sequences, capacity);
      targets = Arrays.copyOf(targets, capacity);
      messages = Arrays.copyOf(messages, capacity);
    }
    long seq = sequence++;
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(time, seq, times[parent], sequences[parent])) {
        break;
      }
      move(parent, i);
      i = parent;
    }
    set(i, time, seq, target, message);
  }

  private void pop() {
    int last = --size;
    long time = times[last];
    long seq = sequences[last];
    Object target = targets[last];
    Object message = messages[last];
    targets[last] = null;
    messages[last] = null;
    if (last == 0) {
      return;
    }
    int i = 0;
    int half = last >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < last && before(times[right], sequences[right], times[child], sequences[child])) {
        child = right;
      }
      if (!before(times[child], sequences[child], time, seq)) {
        break;
      }
      move(child, i);
      i = child;
    }
    set(i, time, seq, target, message);
  }

  private static boolean before(long time, long seq, long otherTime, long otherSeq) {
    return time < otherTime || (time == otherTime && seq < otherSeq);
  }

  private void move(int from, int to) {
    set(to, times[from], sequences[from], targets[from], messages[from]);
  }

  private void set(int i, long time, long seq, Object target, Object message) {
    times[i] = time;
    sequences[i] = seq;
    targets[i] = target;
    messages[i] = message;
  }
}
