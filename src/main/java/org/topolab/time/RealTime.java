package org.topolab.time;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Wall-clock time, optionally scaled: with a scale of 10, one simulated second takes a tenth of a
 * real second. The clock stands at zero until {@link #start()}; timers set before then count from
 * the start, so that no node acts before all nodes exist.
 */
public final class RealTime implements SimTime, AutoCloseable {

  private final double scale;
  private final ScheduledThreadPoolExecutor timers;
  private final AtomicLong fired = new AtomicLong();
  private final AtomicLong lagSum = new AtomicLong();
  private final AtomicLong lagMax = new AtomicLong();
  private final List<Runnable> held = new ArrayList<>();
  private volatile long startNanos;
  private volatile boolean started;

  /** A clock that runs {@code scale} times faster than the wall clock. */
  public RealTime(double scale) {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("time-scale must be above 0, was " + scale);
    }
    this.scale = scale;
    this.timers =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "topolab-real-time");
              thread.setDaemon(true);
              return thread;
            });
    this.timers.setRemoveOnCancelPolicy(true);
  }

  @Override
  public long now() {
    return started ? (long) ((System.nanoTime() - startNanos) * scale) : 0;
  }

  @Override
  public long events() {
    return fired.get();
  }

  /** The wall clock orders real-time events; keys are not needed. */
  @Override
  public long nextKey(int origin) {
    return 0;
  }

  @Override
  public void schedule(long delayNanos, long key, Runnable action) {
    long delay = Math.max(0, delayNanos);
    synchronized (held) {
      if (!started) {
        held.add(() -> submit(delay, delay, action));
        return;
      }
    }
    submit(now() + delay, delay, action);
  }

  @Override
  public <T> void tell(long delayNanos, long key, ActorRef<T> target, T message) {
    schedule(delayNanos, key, () -> target.tell(message));
  }

  private void submit(long due, long delayNanos, Runnable action) {
    if (timers.isShutdown()) {
      return;
    }
    Runnable measured =
        () -> {
          long lag = Math.max(0, now() - due);
          fired.incrementAndGet();
          lagSum.addAndGet(lag);
          lagMax.accumulateAndGet(lag, Math::max);
          action.run();
        };
    timers.schedule(measured, (long) (delayNanos / scale), TimeUnit.NANOSECONDS);
  }

  /**
   * Mean simulated nanoseconds by which timers fired late: how far the machine fell behind the
   * scaled clock. Near zero means the run kept up; large means the time scale is too high.
   */
  public double meanLagNanos() {
    long count = fired.get();
    return count == 0 ? 0 : (double) lagSum.get() / count;
  }

  /** The largest simulated lag of a timer, in nanoseconds. */
  public long maxLagNanos() {
    return lagMax.get();
  }

  /** Starts the clock at zero and releases the timers set so far. */
  public void start() {
    synchronized (held) {
      startNanos = System.nanoTime();
      started = true;
      held.forEach(Runnable::run);
      held.clear();
    }
  }

  /**
   * Blocks the calling thread until the clock reads at least {@code time}, telling {@code
   * progress} the clock about every 200 ms of wall time.
   */
  public void awaitTime(long time, java.util.function.LongConsumer progress) throws InterruptedException {
    long remaining;
    while ((remaining = time - now()) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.max(1, Math.min(200_000_000L, (long) (remaining / scale))));
      progress.accept(now());
    }
  }

  /** Stops the timer thread; pending timers are dropped. */
  @Override
  public void close() {
    timers.shutdownNow();
    try {
      timers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
