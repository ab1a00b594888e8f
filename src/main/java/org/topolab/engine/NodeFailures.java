package org.topolab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Notes which nodes of a run threw an exception. Pekko stops an actor that throws; without this a
 * run would carry on without it and report numbers that look fine.
 */
public final class NodeFailures {

  private final List<String> failures = new ArrayList<>();

  /** An empty record of failures. */
  public NodeFailures() {}

  /** {@code behavior}, whose exceptions are noted under {@code node} before Pekko stops it. */
  @SuppressWarnings("unchecked")
  public <T> Behavior<T> watch(String node, Behavior<T> behavior) {
    return Behaviors.intercept(() -> (BehaviorInterceptor<T, T>) new Interceptor(node), behavior);
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

  /** Passes everything through, noting what is thrown. */
  private final class Interceptor extends BehaviorInterceptor<Object, Object> {
    private final String node;

    Interceptor(String node) {
      super(Object.class);
      this.node = node;
    }

    @Override
    public Behavior<Object> aroundStart(TypedActorContext<Object> context, PreStartTarget<Object> target) {
      return noted(() -> target.start(context));
    }

    @Override
    public Behavior<Object> aroundReceive(TypedActorContext<Object> context, Object message, ReceiveTarget<Object> target) {
      return noted(() -> target.apply(context, message));
    }

    @Override
    public Behavior<Object> aroundSignal(TypedActorContext<Object> context, Signal signal, SignalTarget<Object> target) {
      return noted(() -> target.apply(context, signal));
    }

    /** Runs {@code step}, noting what it throws before passing it on to Pekko. */
    private Behavior<Object> noted(Supplier<Behavior<Object>> step) {
      try {
        return step.get();
      } catch (RuntimeException e) {
        add(node, e);
        throw e;
      }
    }
  }
}
