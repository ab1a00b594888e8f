package org.topolab.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Where the partitions of a run meet between two windows. The last to arrive runs the action (the
 * plan of the next window) and lets the others go. A window can be a fraction of a millisecond of
 * simulated time and take microseconds to run, so waiting threads spin briefly before they yield
 * and then sleep: parking and waking a thread at every window would cost more than the window.
 */
final class WindowBarrier {

  private static final int SPINS = 2_000;
  private static final int YIELDS = 2_000;
  private static final long FIRST_PARK_NANOS = 20_000;
  private static final long LONGEST_PARK_NANOS = 1_000_000;

  private final int parties;
  private final Runnable action;
  private final AtomicInteger arrived = new AtomicInteger();
  private volatile long phase;

  WindowBarrier(int parties, Runnable action) {
    this.parties = parties;
    this.action = action;
  }

  /** Waits until every party has arrived; the last one runs the action first. */
  void await() {
    long current = phase;
    if (arrived.incrementAndGet() == parties) {
      arrived.set(0);
      try {
        action.run();
      } finally {
        phase = current + 1; // publishes what the action wrote
      }
      return;
    }
    int waited = 0;
    long park = FIRST_PARK_NANOS;
    while (phase == current) {
      if (waited < SPINS) {
        Thread.onSpinWait();
      } else if (waited < SPINS + YIELDS) {
        Thread.yield();
      } else {
        LockSupport.parkNanos(park);
        park = Math.min(LONGEST_PARK_NANOS, park * 2);
      }
      waited++;
    }
  }
}
