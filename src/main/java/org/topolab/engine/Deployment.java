package org.topolab.engine;

import java.util.function.LongConsumer;
import org.topolab.scenario.RunSetup;
import org.topolab.settings.Problems;

/**
 * Where a run's nodes live and how time passes for them. Everything above this interface (the
 * runner, the report) is the same whether the nodes run in this JVM or across a cluster.
 */
public interface Deployment extends AutoCloseable {

  /**
   * Runs {@code run} to its end and returns what the engine measured; {@code progress} is told
   * the simulated time reached, now and then.
   */
  RunStats execute(RunSetup run, LongConsumer progress) throws Exception;

  /** Records in {@code problems} why this deployment cannot run {@code run}, if it cannot. */
  default void check(RunSetup run, Problems problems) {}

  /** Releases the actor system and every thread the deployment started. */
  @Override
  void close();
}
