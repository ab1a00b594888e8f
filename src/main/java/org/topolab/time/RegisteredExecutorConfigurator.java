package org.topolab.time;

import com.typesafe.config.Config;
import java.util.concurrent.ThreadFactory;
import org.apache.pekko.dispatch.DispatcherPrerequisites;
import org.apache.pekko.dispatch.ExecutorServiceConfigurator;
import org.apache.pekko.dispatch.ExecutorServiceFactory;

/**
 * Lets a Pekko dispatcher run on a {@link RegisteredExecutor}: named as the dispatcher's {@code
 * executor}, it finds the executor through the dispatcher's {@code executor-key}.
 */
public final class RegisteredExecutorConfigurator extends ExecutorServiceConfigurator {

  private final String key;

  /** Called by Pekko with the dispatcher's configuration section. */
  public RegisteredExecutorConfigurator(Config config, DispatcherPrerequisites prerequisites) {
    super(config, prerequisites);
    this.key = config.getString("executor-key");
  }

  @Override
  public ExecutorServiceFactory createExecutorServiceFactory(String id, ThreadFactory threadFactory) {
    return () -> RegisteredExecutor.lookup(key);
  }
}
