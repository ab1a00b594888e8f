package org.topolab.time;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * The executor behind the real-time dispatcher: while a run is attached, actor mailboxes run on
 * its {@link RealTime} clock's thread, between the clock's timers; outside a run they go to a
 * common pool so that nothing can hang on them.
 */
public final class RealTimeExecutor extends AbstractExecutorService {

  /** The dispatcher whose actors run on the real-time clock's thread, as {@code DispatcherSelector.fromConfig} names it. */
  public static final String DISPATCHER = "topolab.real-time-dispatcher";

  private static final Map<String, RealTimeExecutor> REGISTRY = new ConcurrentHashMap<>();

  private final String key;
  private volatile RealTime clock;

  private RealTimeExecutor(String key) {
    this.key = key;
  }

  /** A new executor, registered so that the dispatcher configured by {@link #configure} finds it. */
  public static RealTimeExecutor register() {
    RealTimeExecutor executor = new RealTimeExecutor(UUID.randomUUID().toString());
    REGISTRY.put(executor.key, executor);
    return executor;
  }

  static RealTimeExecutor lookup(String key) {
    RealTimeExecutor executor = REGISTRY.get(key);
    if (executor == null) {
      throw new IllegalStateException("no real-time executor registered as " + key);
    }
    return executor;
  }

  /** Configuration that points {@link #DISPATCHER} at this executor, on top of {@code config}. */
  public Config configure(Config config) {
    return config
        .getConfig(DISPATCHER)
        .withValue("real-time-executor-key", ConfigValueFactory.fromAnyRef(key))
        .atPath(DISPATCHER)
        .withFallback(config);
  }

  /** Removes this executor from the registry once its actor system has terminated. */
  public void unregister() {
    REGISTRY.remove(key);
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

  // The dispatcher may shut its executor down when idle and ask for it again: it stays usable.
  @Override
  public void shutdown() {}

  @Override
  public List<Runnable> shutdownNow() {
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }
}
