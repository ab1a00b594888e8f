package org.topolab.time;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An executor that a Pekko dispatcher of topolab's runs on, found by the key in the dispatcher's
 * {@code executor-key} setting (see {@link RegisteredExecutorConfigurator}). It lives as long as
 * its actor system: the dispatcher may shut it down when idle and ask for it again, so it stays
 * usable.
 */
public abstract class RegisteredExecutor extends AbstractExecutorService {

  private static final Map<String, RegisteredExecutor> REGISTRY = new ConcurrentHashMap<>();

  private final String key = UUID.randomUUID().toString();

  /** Makes {@code executor} findable by its key. */
  static <E extends RegisteredExecutor> E register(E executor) {
    REGISTRY.put(((RegisteredExecutor) executor).key, executor);
    return executor;
  }

  static RegisteredExecutor lookup(String key) {
    RegisteredExecutor executor = REGISTRY.get(key);
    if (executor == null) {
      throw new IllegalStateException("no executor registered as " + key);
    }
    return executor;
  }

  /**
   * Configuration with a dispatcher at {@code path}, set up as the dispatcher at {@code template}
   * is but running on this executor, on top of {@code config}.
   */
  public Config configure(Config config, String template, String path) {
    return config
        .getConfig(template)
        .withValue("executor-key", ConfigValueFactory.fromAnyRef(key))
        .atPath(path)
        .withFallback(config);
  }

  /** Removes this executor from the registry once its actor system has terminated. */
  public void unregister() {
    REGISTRY.remove(key);
  }

  @Override
  public final void shutdown() {}

  @Override
  public final List<Runnable> shutdownNow() {
    return List.of();
  }

  @Override
  public final boolean isShutdown() {
    return false;
  }

  @Override
  public final boolean isTerminated() {
    return false;
  }

  @Override
  public final boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }
}
