package org.topolab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.topolab.network.Envelope;
import org.topolab.network.GroupTraffic;
import org.topolab.network.Network;
import org.topolab.node.GroupInfo;
import org.topolab.node.RunContext;
import org.topolab.node.Seeds;
import org.topolab.role.GroupModel;
import org.topolab.scenario.RunSetup;
import org.topolab.time.RealTime;
import org.topolab.time.RealTimeExecutor;

/**
 * The nodes of a real-time run that live in this JVM, on the clock's own thread: all of them in
 * one JVM, a member's share on a cluster. Messages to nodes elsewhere are handed on as envelopes
 * when they leave their sender; messages from elsewhere are taken in at their arrival time on this
 * clock, or at once, and counted late, if that has passed.
 */
public final class RealTimeRun {

  private final RunSetup run;
  private final IntPredicate local;
  private final RealTime time;
  private final Network network;
  private final AtomicLong late = new AtomicLong();
  private volatile String stopReason;

  /** The nodes of {@code run} for which {@code local} holds; messages for the others go to {@code elsewhere}. */
  public RealTimeRun(RunSetup run, IntPredicate local, Consumer<Envelope> elsewhere) {
    this.run = run;
    this.local = local;
    this.time = new RealTime(run.timeScale());
    this.network =
        new Network(
            time,
            run.topology().size(),
            local,
            id -> run.topology().groupOf(id).link(),
            id -> Seeds.forNode(run.seed(), id, Seeds.NETWORK),
            run.latency(),
            run.loss(),
            elsewhere,
            run.faults());
  }

  /** What a real-time run measured, with how late its events and its messages from elsewhere were. */
  public record Result(RunPart part, double meanLagNanos, long maxLagNanos, long lateMessages) {}

  /** Ends the run early, for {@code reason}: {@link #execute} stops the nodes and throws it. */
  public void stop(String reason) {
    stopReason = reason;
  }

  /** Takes in a message from another JVM; any thread may call it. */
  public void takeIn(Envelope envelope) {
    time.execute(() -> {
      if (network.acceptWhenDue(envelope)) {
        late.incrementAndGet();
      }
    });
  }

  /**
   * Spawns the nodes on {@code system}'s real-time dispatcher, runs {@code ready} (which may wait
   * for the agreed start), runs the clock to the end of the run and stops the nodes.
   */
  public Result execute(ActorSystem<?> system, RealTimeExecutor executor, String name, Runnable ready, LongConsumer progress)
      throws Exception {
    long limit = run.window().endNanos() + run.drainNanos();
    List<MeasuredGroup<?>> groups = new ArrayList<>();
    for (GroupModel<?> model : run.models()) {
      groups.add(MeasuredGroup.start(model));
    }
    NodeFailures failures = new NodeFailures();
    long simulated;
    executor.attach(time);
    try {
      RunContext context = new RunContext(time, network, run.topology(), run.window(), run.seed());
      CompletableFuture<Void> spawned = new CompletableFuture<>();
      CompletableFuture<Void> stopped = new CompletableFuture<>();
      ActorRef<World.Command> world =
          system.systemActorOf(
              World.create(context, local, groups, failures, run.faults(), spawned, stopped),
              name,
              DispatcherSelector.fromConfig(RealTimeExecutor.DISPATCHER));
      spawned.get(2, TimeUnit.MINUTES);
      FaultInjector.schedule(run.faults(), local, time, world);
      ready.run();
      time.start();
      // In steps of about 200 ms of wall time, so that a stop is noticed soon.
      long step = Math.max(1, (long) (200_000_000L * run.timeScale()));
      while (stopReason == null && time.now() < limit) {
        time.awaitTime(Math.min(limit, time.now() + step), progress);
      }
      world.tell(World.Stop.INSTANCE);
      stopped.get(2, TimeUnit.MINUTES);
      simulated = time.now();
    } finally {
      // Closed before anything is read: the clock's thread has written it all, and the lag counts
      // the events that were due but never fired.
      executor.detach();
      time.close();
    }
    if (stopReason != null) {
      throw new IllegalStateException(stopReason);
    }
    if (failures.any()) {
      throw new IllegalStateException(failures.describe());
    }
    List<GroupTraffic> traffic = new ArrayList<>();
    for (GroupInfo group : run.topology().groups()) {
      traffic.add(PartitionRun.traffic(group, network, local));
    }
    RunPart part = new RunPart(time.events(), simulated, 0, groups, traffic);
    return new Result(part, time.meanLagNanos(), time.maxLagNanos(), late.get());
  }
}
