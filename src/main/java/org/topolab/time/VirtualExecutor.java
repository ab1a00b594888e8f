package org.topolab.time;

import java.util.ArrayDeque;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The executor behind the virtual-time dispatcher: actor mailboxes queue here and run only when
 * the thread that drives virtual time drains the queue.
 *
 * <p>While a run is attached, tasks from the driving thread run in submission order, which is what
 * makes a run deterministic. Tasks from any other thread (Pekko's own housekeeping) are taken in at
 * the next drain; outside a run they go to a common pool so that nothing can hang on them.
 */
public final class VirtualExecutor extends RegisteredExecutor {


  private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
  private final LinkedBlockingQueue<Runnable> foreign = new LinkedBlockingQueue<>();
  private volatile Thread driver;

  private VirtualExecutor() {}

  /** A new executor, registered so that the dispatcher configured by {@link #configure} finds it. */
  public static VirtualExecutor register() {
    return register(new VirtualExecutor());
  }

  /** The dispatcher whose actors run on virtual time, as {@code DispatcherSelector.fromConfig} names it. */
  public static final String DISPATCHER = "topolab.virtual-dispatcher";

  /** Configuration that points {@link #DISPATCHER} at this executor, on top of {@code config}. */
  public com.typesafe.config.Config configure(com.typesafe.config.Config config) {
    return configure(config, DISPATCHER);
  }

  /**
   * Configuration with a dispatcher at {@code path}, set up as {@link #DISPATCHER} is but running
   * on this executor, on top of {@code config}.
   */
  public com.typesafe.config.Config configure(com.typesafe.config.Config config, String path) {
    return configure(config, DISPATCHER, path);
  }

  /** Makes the calling thread the one that runs tasks, until {@link #detach()}. */
  public synchronized void attach() {
    driver = Thread.currentThread();
  }

  /** Ends the run: tasks arriving later run on a common pool. */
  public synchronized void detach() {
    drain();
    driver = null;
  }

  @Override
  public void execute(Runnable task) {
    if (Thread.currentThread() == driver) {
      ready.add(task);
      return;
    }
    synchronized (this) {
      if (driver != null) {
        foreign.add(task);
        return;
      }
    }
    ForkJoinPool.commonPool().execute(task);
  }

  /** Runs ready tasks, and the tasks they submit, until none is left. */
  void drain() {
    while (true) {
      Runnable task = ready.poll();
      if (task == null) {
        task = foreign.poll();
        if (task == null) {
          return;
        }
      }
      task.run();
    }
  }

  /**
   * Drains until {@code condition} holds, waiting for tasks from other threads in between: Pekko
   * creates a top-level actor from its guardian's thread, so the first task of a run comes from
   * there.
   */
  void drainUntil(java.util.function.BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    drain();
    while (!condition.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException("the run's actors did not start within " + timeoutMillis + " ms");
      }
      Runnable task = foreign.poll(Math.min(left, 50_000_000), TimeUnit.NANOSECONDS);
      if (task != null) {
        task.run();
      }
      drain();
    }
  }

}
