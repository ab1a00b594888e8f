package org.topolab.engine;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.ActorInitializationException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.MailboxSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * Notes which nodes of a run threw an exception. Pekko stops an actor that throws; without this a
 * run would carry on without it and report numbers that look fine.
 *
 * <p>A node's parent watches it: Pekko then tells the parent of the node's end with a {@link
 * ChildFailed} signal that carries the exception. Nothing stands between a node and its messages,
 * so watching costs nothing while the nodes run.
 */
public final class NodeFailures {

  // On the parent's thread, with the mailbox that suits it.
  private static final Props NODE = DispatcherSelector.sameAsParent().withNext(MailboxSelector.fromConfig(NodeMailbox.CONFIG));

  private final List<String> failures = new ArrayList<>();

  /** An empty record of failures. */
  public NodeFailures() {}

  /**
   * Spawns {@code behavior} as a child called {@code name} of the actor whose context is {@code
   * parent}, on the parent's dispatcher with a {@link NodeMailbox}, and watches it: the parent hands
   * each {@link Terminated} signal it gets to {@link #note}.
   */
  public <T> ActorRef<T> spawn(ActorContext<?> parent, Behavior<T> behavior, String name) {
    ActorRef<T> node = parent.spawn(behavior, name, NODE);
    parent.watch(node);
    return node;
  }

  /** Notes the failure that {@code signal} reports, if it reports one; a node that stopped by itself has not failed. */
  public void note(Terminated signal) {
    if (signal instanceof ChildFailed failed) {
      add(failed.getRef().path().name(), thrown(failed.getCause()));
    }
  }

  /** Whether any node has failed. */
  public synchronized boolean any() {
    return !failures.isEmpty();
  }

  /** Each failure so far, as {@code node NAME failed: EXCEPTION}, in the order they happened. */
  public synchronized List<String> list() {
    return List.copyOf(failures);
  }

  /** A sentence naming the first failed node and its exception, and how many others failed. */
  public synchronized String describe() {
    String first = failures.get(0);
    return failures.size() == 1 ? first : first + " (and " + (failures.size() - 1) + " more nodes failed)";
  }

  private synchronized void add(String node, Throwable error) {
    failures.add("node " + node + " failed: " + error);
  }

  /** What the node's own code threw: Pekko wraps what is thrown while an actor starts. */
  private static Throwable thrown(Throwable cause) {
    Throwable error = cause;
    while (error instanceof ActorInitializationException && error.getCause() != null) {
      error = error.getCause();
    }
    return error;
  }
}
