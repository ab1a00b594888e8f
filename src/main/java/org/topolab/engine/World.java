package org.topolab.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntPredicate;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.topolab.faults.FaultSchedule;
import org.topolab.faults.NodeAction;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;
import org.topolab.node.RunContext;

/**
 * The parent of one partition's nodes: spawns a node actor per node, registers each with the
 * network by its id, and stops them all when the run is over.
 *
 * <p>The nodes are spread over slices of at most {@value #SLICE}, each the parent that watches its
 * share (see {@link NodeFailures}): Pekko keeps an actor's children, and those it watches, in maps
 * whose cost per entry grows with their size. A slice also carries out what faults do to its nodes:
 * it stops a crashed node, makes a fresh one on restart, and pauses and resumes them.
 */
final class World {

  /** The most nodes one slice holds. */
  static final int SLICE = 100;

  /** What the world receives. */
  sealed interface Command permits Stop, NodeFault {}

  /** A fault's {@code action} on node {@code node}, which lives in this world. */
  record NodeFault(int node, NodeAction.Action action) implements Command {}

  /** Ends the run: the world and all its nodes stop. */
  enum Stop implements Command {
    INSTANCE
  }

  private World() {}

  /**
   * A world that spawns the nodes of {@code run} for which {@code local} holds, each recording
   * into its group's entry of {@code groups}, notes in {@code failures} any that throws, completes
   * {@code ready} once all exist, and completes {@code stopped} once all have stopped; {@code faults}
   * says which nodes may be paused.
   */
  static Behavior<Command> create(
      RunContext run,
      IntPredicate local,
      List<MeasuredGroup<?>> groups,
      NodeFailures failures,
      FaultSchedule faults,
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
          NodeMaker maker = (parent, id, restarts) -> {
            @SuppressWarnings("unchecked")
            Behavior<Object> behavior =
                (Behavior<Object>) measured.get(run.topology().groupOf(id)).createNode(new NodeContext(id, run, restarts));
            String name = run.topology().nodeName(id) + (restarts == 0 ? "" : "~" + restarts);
            ActorRef<Object> node = failures.spawn(parent, faults.pauses(id) ? Pausable.wrap(behavior) : behavior, name);
            run.network().register(id, node);
            return node;
          };
          boolean keepRefs = !faults.nodeActions().isEmpty();
          List<CompletableFuture<Void>> slices = new ArrayList<>();
          List<ActorRef<NodeFault>> sliceRefs = new ArrayList<>();
          for (int from = 0; from < count; from += SLICE) {
            int[] share = Arrays.copyOfRange(ids, from, Math.min(count, from + SLICE));
            CompletableFuture<Void> spawned = new CompletableFuture<>();
            slices.add(spawned);
            sliceRefs.add(context.spawn(
                slice(share, maker, failures, keepRefs, run, spawned), "slice-" + slices.size(), DispatcherSelector.sameAsParent()));
          }
          CompletableFuture.allOf(slices.toArray(CompletableFuture[]::new)).thenRun(() -> ready.complete(null));
          int spawnedCount = count;
          return Behaviors.receive(Command.class)
              .onMessage(Stop.class, stop -> Behaviors.stopped())
              .onMessage(NodeFault.class, fault -> {
                sliceRefs.get(Arrays.binarySearch(ids, 0, spawnedCount, fault.node()) / SLICE).tell(fault);
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

  /**
   * Spawns node {@code id}, after {@code restarts} restarts, as a child of the actor whose context is
   * {@code parent}, and registers it with the network.
   */
  private interface NodeMaker {
    ActorRef<Object> spawn(ActorContext<?> parent, int id, int restarts);
  }

  /**
   * A share of the world's nodes: spawns them, completes {@code spawned}, notes their failures and,
   * if {@code keepRefs}, carries out what faults do to them.
   */
  private static Behavior<NodeFault> slice(
      int[] ids, NodeMaker maker, NodeFailures failures, boolean keepRefs, RunContext run, CompletableFuture<Void> spawned) {
    return Behaviors.setup(
        context -> {
          // The live node of each id, null while it is down; and how often each has restarted.
          @SuppressWarnings("unchecked")
          ActorRef<Object>[] nodes = keepRefs ? new ActorRef[ids.length] : null;
          int[] restarts = keepRefs ? new int[ids.length] : null;
          for (int i = 0; i < ids.length; i++) {
            ActorRef<Object> node = maker.spawn(context, ids[i], 0);
            if (keepRefs) {
              nodes[i] = node;
            }
          }
          spawned.complete(null);
          return Behaviors.receive(NodeFault.class)
              .onMessage(NodeFault.class, fault -> {
                int i = Arrays.binarySearch(ids, fault.node());
                switch (fault.action()) {
                  case CRASH -> crash(context, nodes, i, fault.node(), run);
                  case RESTART -> {
                    crash(context, nodes, i, fault.node(), run);
                    nodes[i] = maker.spawn(context, fault.node(), ++restarts[i]);
                  }
                  case PAUSE -> tellIfUp(nodes[i], Pausable.Signal.PAUSE);
                  case RESUME -> tellIfUp(nodes[i], Pausable.Signal.RESUME);
                }
                return Behaviors.same();
              })
              .onSignal(
                  Terminated.class,
                  signal -> {
                    failures.note(signal);
                    return Behaviors.same();
                  })
              .build();
        });
  }

  /** Stops node {@code id}, at {@code nodes[i]}, if it is up: its state is gone, and what reaches it from now on is lost. */
  private static void crash(ActorContext<?> slice, ActorRef<Object>[] nodes, int i, int id, RunContext run) {
    if (nodes[i] != null) {
      run.network().down(id);
      slice.stop(nodes[i]);
      nodes[i] = null;
    }
  }

  private static void tellIfUp(ActorRef<Object> node, Pausable.Signal signal) {
    if (node != null) {
      node.tell(signal);
    }
  }
}
