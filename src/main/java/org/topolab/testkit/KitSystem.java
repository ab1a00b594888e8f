package org.topolab.testkit;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayDeque;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.topolab.engine.PekkoConfig;
import org.topolab.time.VirtualExecutor;

/**
 * An actor system whose virtual-time dispatcher a {@link NodeTestKit} drives. Starting one takes
 * a good part of a second, so kits that close hand theirs back for the next kit of the JVM to use.
 */
final class KitSystem {

  private static final ArrayDeque<KitSystem> IDLE = new ArrayDeque<>();

  final VirtualExecutor executor;
  final ActorSystem<Void> system;
  private int kits;

  private KitSystem() {
    org.slf4j.LoggerFactory.getILoggerFactory(); // logging starts here, not on Pekko's threads
    executor = VirtualExecutor.register();
    // Daemon threads: an idle system kept for the next kit never holds the JVM open.
    system =
        ActorSystem.create(
            Behaviors.empty(),
            "topolab-testkit",
            executor.configure(ConfigFactory.parseString("pekko.daemonic = on").withFallback(PekkoConfig.load())));
  }

  /** An idle system, or a new one if every system is in use. */
  static KitSystem acquire() {
    synchronized (IDLE) {
      KitSystem idle = IDLE.poll();
      if (idle != null) {
        return idle;
      }
    }
    return new KitSystem();
  }

  /** The name of the next kit's parent actor, unique in this system. */
  String nextName() {
    return "kit-" + (++kits);
  }

  /** Hands this system back for another kit. */
  void release() {
    synchronized (IDLE) {
      IDLE.push(this);
    }
  }
}
