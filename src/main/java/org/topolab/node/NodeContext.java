package org.topolab.node;

import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.topolab.network.NetMessage;

/**
 * What a node's behaviour uses instead of the wall clock, direct references and its own random
 * numbers: the simulation clock and timers, the network (by node id), and a seeded random stream.
 * The same behaviour code thus runs in virtual and in real time, on one machine or several.
 */
public final class NodeContext {

  private final int id;
  private final RunContext run;
  private final SplittableRandom random;

  /** The context of node {@code id} in {@code run}. */
  public NodeContext(int id, RunContext run) {
    this(id, run, 0);
  }

  /** The context of node {@code id} in {@code run} after {@code restarts} restarts: it draws from a stream of its own. */
  public NodeContext(int id, RunContext run, int restarts) {
    this.id = id;
    this.run = run;
    this.random = Seeds.forIncarnation(run.seed(), id, restarts);
  }

  /** This node's id. */
  public int id() {
    return id;
  }

  /** A readable name, such as {@code clients-17}. */
  public String name() {
    return run.topology().nodeName(id);
  }

  /** The group this node belongs to. */
  public GroupInfo group() {
    return run.topology().groupOf(id);
  }

  /** All groups of the run. */
  public Topology topology() {
    return run.topology();
  }

  /** Simulated time in nanoseconds since the run started. */
  public long now() {
    return run.time().now();
  }

  /** The measured window of the run. */
  public RunWindow window() {
    return run.window();
  }

  /** Sends {@code message} to node {@code to} through the simulated network. */
  public void send(int to, NetMessage message) {
    run.network().send(id, to, message);
  }

  /** Delivers {@code message} to {@code target} (usually this node's own actor) after a delay. */
  public <T> void after(long delayNanos, ActorRef<T> target, T message) {
    run.time().tell(delayNanos, run.time().nextKey(id), target, message);
  }

  /** This node's random stream, seeded from the scenario's seed. */
  public SplittableRandom random() {
    return random;
  }
}
