package org.topolab.engine;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;

/** Stops an actor system and waits a while for it, without ever hanging the JVM's exit on it. */
public final class Termination {

  private Termination() {}

  /** Terminates {@code system} and waits up to {@code patience} for it to stop. */
  public static void terminate(ActorSystem<?> system, Duration patience) {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(patience.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // It did not stop in time: the JVM's exit ends what is left.
    }
  }
}
