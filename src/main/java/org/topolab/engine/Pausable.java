package org.topolab.engine;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Stands between a node that a fault pauses and its messages: while paused, whatever reaches the
 * node (from the network or its own timers) waits, in the order it came; on resuming, the node
 * gets it all, then what comes next. Only nodes that the schedule ever pauses get one, so the
 * others' messages go straight to them.
 */
final class Pausable extends BehaviorInterceptor<Object, Object> {

  /** What the engine tells a paused node's interceptor. */
  enum Signal {
    /** Stop processing. */
    PAUSE,
    /** Process what waited, then go on. */
    RESUME
  }

  private final List<Object> held = new ArrayList<>();
  private boolean paused;

  private Pausable() {
    super(Object.class);
  }

  /** {@code node} behind an interceptor of its own. */
  static Behavior<Object> wrap(Behavior<Object> node) {
    return Behaviors.intercept(Pausable::new, node);
  }

  @Override
  public Behavior<Object> aroundReceive(TypedActorContext<Object> context, Object message, ReceiveTarget<Object> target) {
    if (message == Signal.PAUSE) {
      paused = true;
      return Behaviors.same();
    }
    if (message == Signal.RESUME) {
      paused = false;
      // The mailbox is empty between two events: what waited goes first, in its order.
      for (Object waiting : held) {
        context.asJava().getSelf().tell(waiting);
      }
      held.clear();
      return Behaviors.same();
    }
    if (paused) {
      held.add(message);
      return Behaviors.same();
    }
    return target.apply(context, message);
  }
}
