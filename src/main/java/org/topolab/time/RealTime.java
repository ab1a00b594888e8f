package org.topolab.time;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Wall-clock time, optionally scaled: with a scale of 10, one simulated second takes a tenth of a
 * real second. The clock stands at zero until {@link #start()}; timers set before then count from
 * the start, so that no node acts before all nodes exist.
 *
 * <p>One thread of the clock's own fires the timers and, for actors on the real-time dispatcher
 * ({@link RealTimeExecutor}), runs their mailboxes too: a timer's message is handled right after
 * it fires, with no other thread to wake. Handing each message to another thread instead cost
 * 50-150 µs per hop on a 2-core machine, several hops per request, and made a server's service
 * take longer than drawn. The thread parks until shortly before the next due time and spins the
 * rest, because a parked thread wakes late: 100-200 µs on a shared virtual machine, more when it
 * is busy. How long it spins follows how late it has been waking.
 *
 * <p>The lag ({@link #meanLagNanos()}) is measured on that thread as each event is handed to its
 * node: it covers everything that made the event late, the machine's other work as much as this
 * run's backlog.
 */
public final class RealTime implements SimTime, AutoCloseable {

  // The spin lasts twice the clock thread's recent oversleep, within these bounds: Linux alone
  // lets a parked thread oversleep by 50 µs, and beyond 500 µs the lateness comes from other work
  // taking the core, which spinning longer does not cure but would add to.
  private static final long MIN_SPIN_NANOS = 50_000;
  private static final long MAX_SPIN_NANOS = 500_000;

  private final double scale;
  private final Thread thread;
  // Touched only by the clock's thread; other threads go through foreign.
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
  private final ConcurrentLinkedQueue<Runnable> foreign = new ConcurrentLinkedQueue<>();
  private long filed;
  // How late parkNanos returned, as a moving average over about the last 16 parks.
  private long oversleep = MIN_SPIN_NANOS;
  // Written only by the clock's thread, then by close() once it has ended.
  private volatile long fired;
  private volatile long lagSum;
  private volatile long lagMax;
  // Timers that were due when the clock closed but never fired.
  private volatile long missed;
  private volatile long startNanos;
  private volatile boolean started;
  private volatile boolean closed;

  /** A clock that runs {@code scale} times faster than the wall clock. */
  public RealTime(double scale) {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("time-scale must be above 0, was " + scale);
    }
    this.scale = scale;
    this.thread = new Thread(this::drive, "topolab-real-time");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public long now() {
    return started ? (long) ((System.nanoTime() - startNanos) * scale) : 0;
  }

  @Override
  public long events() {
    return fired;
  }

  /** The wall clock orders real-time events; keys are not needed. */
  @Override
  public long nextKey(int origin) {
    return 0;
  }

  @Override
  public void schedule(long delayNanos, long key, Runnable action) {
    // Before the start now() is 0, so the timer counts from the start.
    long due = now() + Math.max(0, delayNanos);
    if (Thread.currentThread() == thread) {
      timers.add(new Timer(due, filed++, action));
    } else {
      execute(() -> timers.add(new Timer(due, filed++, action)));
    }
  }

  @Override
  public <T> void tell(long delayNanos, long key, ActorRef<T> target, T message) {
    schedule(delayNanos, key, () -> target.tell(message));
  }

  /**
   * Runs {@code task} on the clock's thread, after the tasks already waiting there; once the
   * clock is closed, on a common pool.
   */
  public void execute(Runnable task) {
    if (Thread.currentThread() == thread) {
      ready.add(task);
      return;
    }
    foreign.add(task);
    if (closed) {
      handOver(foreign); // the thread may have ended before it saw the task
    } else {
      LockSupport.unpark(thread);
    }
  }

  /** The clock's thread: runs waiting tasks, then fires the next timer once it is due. */
  private void drive() {
    while (!closed) {
      runReady();
      Timer next = timers.peek();
      if (!started || next == null) {
        LockSupport.park(this);
        continue;
      }
      long due = startNanos + (long) (next.due / scale);
      long wait = due - System.nanoTime();
      long spin = Math.max(MIN_SPIN_NANOS, Math.min(MAX_SPIN_NANOS, 2 * oversleep));
      if (wait > spin) {
        park(wait - spin);
        continue;
      }
      while (wait > 0 && foreign.isEmpty()) {
        Thread.onSpinWait();
        wait = due - System.nanoTime();
      }
      if (wait > 0) {
        continue; // a task from another thread came first
      }
      timers.poll();
      // Its node handles the event next: with nothing else waiting, the lag is the node's.
      long lag = Math.max(0, now() - next.due);
      fired++;
      lagSum += lag;
      if (lag > lagMax) {
        lagMax = lag;
      }
      run(next.action);
    }
  }

  /** Parks for {@code nanos} and notes how late it woke; a task from another thread wakes it early. */
  private void park(long nanos) {
    long wake = System.nanoTime() + nanos;
    LockSupport.parkNanos(this, nanos);
    long late = System.nanoTime() - wake;
    if (late >= 0) {
      oversleep += (Math.min(late, MAX_SPIN_NANOS) - oversleep) / 16;
    }
  }

  private void runReady() {
    Runnable task;
    while ((task = ready.poll()) != null || (task = foreign.poll()) != null) {
      run(task);
    }
  }

  /** Runs {@code task}; an exception is reported and the clock goes on, as a pool thread would. */
  private void run(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
    }
  }

  /** Passes the tasks in {@code queue}, which the ended thread will not run, to a common pool. */
  private static void handOver(Queue<Runnable> queue) {
    Runnable task;
    while ((task = queue.poll()) != null) {
      ForkJoinPool.commonPool().execute(task);
    }
  }

  /**
   * Mean simulated nanoseconds by which events reached their nodes late: how far the machine fell
   * behind the scaled clock. Events that were due when the clock closed but never fired count with
   * the lag they had reached by then. Near zero means the run kept up; large means the time scale
   * is too high, or the machine too busy.
   */
  public double meanLagNanos() {
    long count = fired + missed;
    return count == 0 ? 0 : (double) lagSum / count;
  }

  /** The largest simulated lag of an event, in nanoseconds. */
  public long maxLagNanos() {
    return lagMax;
  }

  /** Starts the clock at zero and releases the timers set so far. */
  public void start() {
    startNanos = System.nanoTime();
    started = true;
    LockSupport.unpark(thread);
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

  /**
   * Stops the clock's thread; pending timers are dropped (those already due count in the lag),
   * waiting tasks go to a common pool.
   */
  @Override
  public void close() {
    long end = now();
    closed = true;
    LockSupport.unpark(thread);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!thread.isAlive()) {
      for (Timer timer : timers) {
        if (timer.due < end) {
          missed++;
          lagSum += end - timer.due;
          lagMax = Math.max(lagMax, end - timer.due);
        }
      }
      handOver(ready);
      handOver(foreign);
    }
  }

  /** A timer: due at {@code due} simulated ns; timers of one instant fire in the order filed. */
  private record Timer(long due, long order, Runnable action) implements Comparable<Timer> {
    @Override
    public int compareTo(Timer other) {
      int byDue = Long.compare(due, other.due);
      return byDue != 0 ? byDue : Long.compare(order, other.order);
    }
  }
}
