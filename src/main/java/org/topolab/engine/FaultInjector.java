package org.topolab.engine;

import java.util.List;
import java.util.function.IntPredicate;
import org.apache.pekko.actor.typed.ActorRef;
import org.topolab.faults.FaultSchedule;
import org.topolab.faults.NodeAction;
import org.topolab.time.EventKey;
import org.topolab.time.Payload;
import org.topolab.time.SimTime;

/**
 * Puts what faults do to a partition's nodes on its clock, before time starts. Each action is an
 * engine event keyed by its place in the run's whole list of actions, so it fires at the same
 * instant and in the same order among that instant's events in every partition and on every
 * member, and comes before anything the nodes do at that instant.
 */
final class FaultInjector {

  private FaultInjector() {}

  /** Schedules the actions of {@code faults} on the nodes for which {@code local} holds, carried out by {@code world}. */
  static void schedule(FaultSchedule faults, IntPredicate local, SimTime time, ActorRef<World.Command> world) {
    List<NodeAction> actions = faults.nodeActions();
    for (int i = 0; i < actions.size(); i++) {
      NodeAction action = actions.get(i);
      if (local.test(action.node())) {
        World.NodeFault fault = new World.NodeFault(action.node(), action.action());
        time.schedule(action.timeNanos() - time.now(), EventKey.of(SimTime.ENGINE, i), new Injection(world, fault));
      }
    }
  }

  /** One action, told to the world when due; it names the fault for the run's fingerprint. */
  private record Injection(ActorRef<World.Command> world, World.NodeFault fault) implements Runnable, Payload {
    @Override
    public void run() {
      world.tell(fault);
    }

    @Override
    public Object payload() {
      return fault;
    }
  }
}
