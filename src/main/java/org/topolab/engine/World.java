package org.topolab.engine;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntPredicate;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;
import org.topolab.node.RunContext;

/**
 * The parent of one partition's nodes: spawns a node actor per node, registers each with the
 * network by its id, and stops them all when the run is over.
 */
final class World {

  /** What the world receives. */
  sealed interface Command permits Stop {}

  /** Ends the run: the world and all its nodes stop. */
  enum Stop implements Command {
    INSTANCE
  }

  private World() {}

  /**
   * A world that spawns the nodes of {@code run} for which {@code local} holds, each recording
   * into its group's entry of {@code groups}, notes in {@code failures} any that throws, completes
   * {@code ready} once all exist, and completes {@code stopped} once all have stopped.
   */
  static Behavior<Command> create(
      RunContext run,
      IntPredicate local,
      List<MeasuredGroup<?>> groups,
      NodeFailures failures,
      CompletableFuture<Void> ready,
      CompletableFuture<Void> stopped) {
    return Behaviors.setup(
        context -> {
          List<GroupInfo> infos = run.topology().groups();
          for (int g = 0; g < infos.size(); g++) {
            GroupInfo group = infos.get(g);
            MeasuredGroup<?> measured = groups.get(g);
            for (int i = 0; i < group.count(); i++) {
              int id = group.id(i);
              if (!local.test(id)) {
                continue;
              }
              @SuppressWarnings("unchecked")
              Behavior<Object> behavior = (Behavior<Object>) measured.createNode(new NodeContext(id, run));
              String name = run.topology().nodeName(id);
              ActorRef<Object> node = context.spawn(failures.watch(name, behavior), name, DispatcherSelector.sameAsParent());
              run.network().register(id, node);
            }
          }
          ready.complete(null);
          return Behaviors.receive(Command.class)
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
