package org.topolab.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntPredicate;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;
import org.topolab.node.RunContext;

/**
 * The parent of one partition's nodes: spawns a node actor per node, registers each with the
 * network by its id, and stops them all when the run is over.
 *
 * <p>The nodes are spread over slices of at most {@value #SLICE}, each the parent that watches its
 * share (see {@link NodeFailures}): Pekko keeps an actor's children, and those it watches, in maps
 * whose cost per entry grows with their size.
 */
final class World {

  /** The most nodes one slice holds. */
  static final int SLICE = 100;

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
          Map<GroupInfo, MeasuredGroup<?>> measured = new HashMap<>();
          int[] ids = new int[run.topology().size()];
          int count = 0;
          List<GroupInfo> infos = run.topology().groups();
          for (int g = 0; g < infos.size(); g++) {
            GroupInfo group = infos.get(g);
            measured.put(group, groups.get(g));
            for (int i = 0; i < group.count(); i++) {
              if (local.test(group.id(i))) {
                ids[count++] = group.id(i);
              }
            }
          }
          NodeMaker maker = (parent, id) -> {
            @SuppressWarnings("unchecked")
            Behavior<Object> behavior = (Behavior<Object>) measured.get(run.topology().groupOf(id)).createNode(new NodeContext(id, run));
            run.network().register(id, failures.spawn(parent, behavior, run.topology().nodeName(id)));
          };
          List<CompletableFuture<Void>> slices = new ArrayList<>();
          for (int from = 0; from < count; from += SLICE) {
            int[] share = Arrays.copyOfRange(ids, from, Math.min(count, from + SLICE));
            CompletableFuture<Void> spawned = new CompletableFuture<>();
            slices.add(spawned);
            context.spawn(slice(share, maker, failures, spawned), "slice-" + slices.size(), DispatcherSelector.sameAsParent());
          }
          CompletableFuture.allOf(slices.toArray(CompletableFuture[]::new)).thenRun(() -> ready.complete(null));
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

  /** Spawns node {@code id} as a child of the actor whose context is {@code parent}, and registers it with the network. */
  private interface NodeMaker {
    void spawn(ActorContext<?> parent, int id);
  }

  /** A share of the world's nodes: spawns them, completes {@code spawned}, and notes their failures. */
  private static Behavior<Void> slice(int[] ids, NodeMaker maker, NodeFailures failures, CompletableFuture<Void> spawned) {
    return Behaviors.setup(
        context -> {
          for (int id : ids) {
            maker.spawn(context, id);
          }
          spawned.complete(null);
          return Behaviors.receive(Void.class)
              .onSignal(
                  Terminated.class,
                  signal -> {
                    failures.note(signal);
                    return Behaviors.same();
                  })
              .build();
        });
  }
}
