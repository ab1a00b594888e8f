package org.topolab.testkit;

import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.topolab.engine.NodeFailures;

/** The parent of one kit's node actors, on the virtual-time dispatcher like them. */
final class KitHost {

  /** What the host receives. */
  sealed interface Command permits Spawn, Stop {}

  /** Spawn {@code behavior} as a child called {@code name}; its reference completes {@code spawned}. */
  record Spawn(String name, Behavior<?> behavior, CompletableFuture<ActorRef<?>> spawned) implements Command {}

  /** Stop the host and every node. */
  enum Stop implements Command {
    INSTANCE
  }

  private KitHost() {}

  /**
   * A host that notes in {@code failures} any node that throws, completes {@code started} once it
   * runs and {@code stopped} once it and its children have stopped.
   */
  static Behavior<Command> create(NodeFailures failures, CompletableFuture<Void> started, CompletableFuture<Void> stopped) {
    return Behaviors.setup(
        context -> {
          started.complete(null);
          return Behaviors.receive(Command.class)
              .onMessage(
                  Spawn.class,
                  spawn -> {
                    spawn.spawned().complete(failures.spawn(context, spawn.behavior(), spawn.name()));
                    return Behaviors.same();
                  })
              .onMessage(Stop.class, stop -> Behaviors.stopped())
              .onSignal(
                  Terminated.class,
                  signal -> {
                    failures.note(signal);
                    return Behaviors.same();
                  })
              .onSignal(
                  PostStop.class,
                  signal -> {
                    stopped.complete(null);
                    return Behaviors.same();
                  })
              .build();
        });
  }
}
