package org.topolab.testkit;

import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

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

  /** A host that completes {@code started} once it runs and {@code stopped} once it and its children have stopped. */
  static Behavior<Command> create(CompletableFuture<Void> started, CompletableFuture<Void> stopped) {
    return Behaviors.setup(
        context -> {
          started.complete(null);
          return Behaviors.receive(Command.class)
              .onMessage(
                  Spawn.class,
                  spawn -> {
                    spawn.spawned().complete(context.spawn(spawn.behavior(), spawn.name(), DispatcherSelector.sameAsParent()));
                    return Behaviors.same();
                  })
              .onMessage(Stop.class, stop -> Behaviors.stopped())
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
