package org.topolab.time;

import com.typesafe.config.Config;
import java.util.concurrent.ForkJoinPool;

/**
 * The executor behind the real-time dispatcher: while a run is attached, actor mailboxes run on
 * its {@link RealTime} clock's thread, between the clock's timers; outside a run they go to a
 * common pool so that nothing can hang on them.
 */
public final class RealTimeExecutor extends RegisteredExecutor {

  /** The dispatcher whose actors run on the real-time clock's thread, as {@code DispatcherSelector.fromConfig} names it. */
  public static final String DISPATCHER = "topolab.real-time-dispatcher";

  private volatile RealTime clock;

  private RealTimeExecutor() {}

  /** A new executor, registered so that the dispatcher configured by {@link #configure} finds it. */
  public static RealTimeExecutor register() {
    return register(new RealTimeExecutor());
  }

  /** Configuration that points {@link #DISPATCHER} at this executor, on top of {@code config}. */
  public Config configure(Config config) {
    return configure(config, DISPATCHER, DISPATCHER);
  }

  /** Runs tasks on {@code clock}'s thread, until {@link #detach()}. */
  public void attach(RealTime clock) {
    this.clock = clock;
  }

  /** Ends the run: tasks arriving later run on a common pool. */
  public void detach() {
    clock = null;
  }

  @Override
  public void execute(Runnable task) {
    RealTime current = clock;
    if (current != null) {
      current.execute(task);
    } else {
      ForkJoinPool.commonPool().execute(task);
    }
  }

}
