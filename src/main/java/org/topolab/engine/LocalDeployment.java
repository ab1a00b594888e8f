package org.topolab.engine;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.topolab.network.Network;
import org.topolab.network.NodeTraffic;
import org.topolab.node.RunContext;
import org.topolab.node.Seeds;
import org.topolab.scenario.RunSetup;
import org.topolab.time.RealTime;
import org.topolab.time.SimTime;
import org.topolab.time.TimeMode;
import org.topolab.time.VirtualExecutor;
import org.topolab.time.VirtualTime;

/**
 * Runs every node in this JVM, in one actor system shared by all runs of an experiment. In virtual
 * time the nodes' actors run on a dispatcher that the calling thread drives event by event; in
 * real time they run on Pekko's default dispatcher.
 */
public final class LocalDeployment implements Deployment {

  private final VirtualExecutor executor = VirtualExecutor.register();
  private final ActorSystem<Void> system;
  private int runs;
  private Runnable readyProbe = () -> {};

  /** A deployment whose actor system reads {@code config} (usually application.conf). */
  public LocalDeployment(Config config) {
    // Start logging from this thread before Pekko's threads do: otherwise SLF4J warns that it replayed calls.
    org.slf4j.LoggerFactory.getILoggerFactory();
    this.system = ActorSystem.create(Behaviors.empty(), "topolab", executor.configure(config));
  }

  /** A deployment with the default configuration. */
  public LocalDeployment() {
    this(PekkoConfig.load());
  }

  /** Runs {@code probe} in each run once all nodes exist, before time starts: for benchmarks. */
  public void onReady(Runnable probe) {
    this.readyProbe = probe;
  }

  @Override
  public RunStats execute(RunSetup run, LongConsumer progress) throws Exception {
    long wallStart = System.nanoTime();
    long limit = run.window().endNanos() + run.drainNanos();
    String name = "run-" + (++runs);
    if (run.time() == TimeMode.VIRTUAL) {
      VirtualTime time = new VirtualTime(executor);
      executor.attach();
      try {
        RunContext context = context(run, time);
        NodeFailures failures = new NodeFailures();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        ActorRef<World.Command> world =
            system.systemActorOf(
                World.create(context, run.models(), failures, ready, stopped),
                name,
                DispatcherSelector.fromConfig(VirtualExecutor.DISPATCHER));
        time.runReadyUntil(ready::isDone);
        readyProbe.run();
        time.runUntil(limit, progress);
        world.tell(World.Stop.INSTANCE);
        time.runReadyUntil(stopped::isDone);
        failIfAny(failures);
        return stats(context, time.events(), time.now(), wallStart, 0, 0, time.fingerprint());
      } finally {
        executor.detach();
      }
    }
    try (RealTime time = new RealTime(run.timeScale())) {
      RunContext context = context(run, time);
      NodeFailures failures = new NodeFailures();
      CompletableFuture<Void> ready = new CompletableFuture<>();
      CompletableFuture<Void> stopped = new CompletableFuture<>();
      ActorRef<World.Command> world =
          system.systemActorOf(World.create(context, run.models(), failures, ready, stopped), name, Props.empty());
      ready.get(2, TimeUnit.MINUTES);
      readyProbe.run();
      time.start();
      time.awaitTime(limit, progress);
      world.tell(World.Stop.INSTANCE);
      stopped.get(2, TimeUnit.MINUTES);
      failIfAny(failures);
      return stats(context, time.events(), time.now(), wallStart, time.meanLagNanos(), time.maxLagNanos(), 0);
    }
  }

  /** A run in which a node threw has not measured what the scenario describes: it fails. */
  private static void failIfAny(NodeFailures failures) {
    if (failures.any()) {
      throw new IllegalStateException(failures.describe());
    }
  }

  private static RunContext context(RunSetup run, SimTime time) {
    Network network =
        new Network(
            time,
            run.topology().size(),
            id -> run.topology().groupOf(id).link(),
            id -> Seeds.forNode(run.seed(), id, Seeds.NETWORK),
            run.latency(),
            run.loss());
    return new RunContext(time, network, run.topology(), run.window(), run.seed());
  }

  private static RunStats stats(
      RunContext context, long events, long simulated, long wallStart, double meanLag, long maxLag, long fingerprint) {
    NodeTraffic[] traffic = new NodeTraffic[context.network().size()];
    for (int i = 0; i < traffic.length; i++) {
      traffic[i] = context.network().traffic(i);
    }
    return new RunStats(events, simulated, System.nanoTime() - wallStart, traffic, meanLag, maxLag, fingerprint);
  }

  @Override
  public void close() {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(Duration.ofMinutes(1).toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // The system did not stop in time; the JVM's exit ends what is left.
    } finally {
      executor.unregister();
    }
  }
}
