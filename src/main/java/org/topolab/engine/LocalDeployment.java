package org.topolab.engine;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.topolab.network.Network;
import org.topolab.network.NodeTraffic;
import org.topolab.node.RunContext;
import org.topolab.node.Seeds;
import org.topolab.role.GroupModel;
import org.topolab.scenario.RunSetup;
import org.topolab.settings.Problems;
import org.topolab.time.RealTime;
import org.topolab.time.RealTimeExecutor;
import org.topolab.time.TimeMode;
import org.topolab.time.VirtualExecutor;

/**
 * Runs every node in this JVM, in one actor system shared by all runs of an experiment. In virtual
 * time the run is split into partitions, each driven by a thread of its own on a dispatcher of its
 * own (see {@link WindowedRun}); in real time on the real-time clock's thread (see {@link
 * RealTimeExecutor}).
 */
public final class LocalDeployment implements Deployment {

  private final Placement placement;
  private final List<VirtualExecutor> executors = new ArrayList<>();
  private final RealTimeExecutor realTimeExecutor = RealTimeExecutor.register();
  private final ActorSystem<Void> system;
  private int runs;
  private Runnable readyProbe = () -> {};

  /**
   * A deployment whose actor system reads {@code config} (usually {@link PekkoConfig#load()}) and
   * splits virtual-time runs into {@code partitions} partitions.
   */
  public LocalDeployment(Config config, int partitions) {
    this.placement = new Placement(partitions);
    Config withDispatchers = realTimeExecutor.configure(config);
    for (int p = 0; p < partitions; p++) {
      VirtualExecutor executor = VirtualExecutor.register();
      executors.add(executor);
      withDispatchers = executor.configure(withDispatchers, dispatcher(p));
    }
    // Start logging from this thread before Pekko's threads do: otherwise SLF4J warns that it replayed calls.
    org.slf4j.LoggerFactory.getILoggerFactory();
    this.system = ActorSystem.create(Behaviors.empty(), "topolab", withDispatchers);
  }

  /** A deployment with the default configuration, in one partition. */
  public LocalDeployment() {
    this(PekkoConfig.load(), 1);
  }

  private static String dispatcher(int partition) {
    return VirtualExecutor.DISPATCHER + "-" + partition;
  }

  /** How many partitions virtual-time runs are split into. */
  public int partitions() {
    return placement.partitions();
  }

  /** Runs {@code probe} in each run once all nodes exist, before time starts: for benchmarks. */
  public void onReady(Runnable probe) {
    this.readyProbe = probe;
  }

  @Override
  public void check(RunSetup run, Problems problems) {
    int partitions = placement.partitions();
    if (partitions == 1) {
      return;
    }
    Config config = run.spec().config();
    if (run.time() == TimeMode.REAL) {
      problems.add(origin(config, "time"), "time",
          "a real-time run is not split into partitions (its nodes run on the clock's own thread, to keep its timing); "
              + "drop --partitions " + partitions + ", or use time = virtual");
    } else if (Lookahead.of(run) <= 0) {
      problems.add(origin(config, "network.latency"), "network.latency",
          "a run split into " + partitions + " partitions needs a smallest possible delay between two nodes above 0, "
              + "and here a message can arrive at once (a latency of 0, or a distribution such as exponential that starts at 0, "
              + "and no access latency in the links); give the latency a minimum, e.g. "
              + "latency = { distribution = uniform, min = 5ms, max = 50ms }, or run in one partition");
    }
  }

  private static com.typesafe.config.ConfigOrigin origin(Config config, String path) {
    return config.hasPath(path) ? config.getValue(path).origin() : config.origin();
  }

  @Override
  public RunStats execute(RunSetup run, LongConsumer progress) throws Exception {
    long wallStart = System.nanoTime();
    long limit = run.window().endNanos() + run.drainNanos();
    String name = "run-" + (++runs);
    return run.time() == TimeMode.VIRTUAL ? virtual(run, name, limit, wallStart, progress) : real(run, name, limit, wallStart, progress);
  }

  private RunStats virtual(RunSetup run, String name, long limit, long wallStart, LongConsumer progress) throws Exception {
    long lookahead = placement.partitions() == 1 ? Long.MAX_VALUE : Lookahead.of(run);
    if (lookahead <= 0) {
      throw new IllegalStateException("a run in " + placement.partitions() + " partitions has no lookahead: check(run) should have refused it");
    }
    List<PartitionRun> partitions = new ArrayList<>();
    for (int p = 0; p < placement.partitions(); p++) {
      partitions.add(new PartitionRun(p, placement, executors.get(p), run));
    }
    NodeFailures failures = new NodeFailures();
    new WindowedRun(partitions, lookahead, limit, progress, readyProbe)
        .execute(partition -> partition.start(system, name + "-" + partition.index(), dispatcher(partition.index()), failures));
    failIfAny(failures);

    NodeTraffic[] traffic = new NodeTraffic[run.topology().size()];
    for (int id = 0; id < traffic.length; id++) {
      traffic[id] = partitions.get(placement.partitionOf(id)).traffic(id);
    }
    List<MeasuredGroup<?>> groups = new ArrayList<>();
    for (int g = 0; g < run.models().size(); g++) {
      List<MeasuredGroup<?>> parts = new ArrayList<>();
      for (PartitionRun partition : partitions) {
        parts.add(partition.groups().get(g));
      }
      groups.add(MeasuredGroup.merge(parts));
    }
    long events = 0;
    long simulated = 0;
    long fingerprint = 0;
    for (PartitionRun partition : partitions) {
      events += partition.events();
      simulated = Math.max(simulated, partition.now());
      fingerprint += partition.fingerprint();
    }
    return new RunStats(events, simulated, System.nanoTime() - wallStart, traffic, groups, partitions.size(), 0, 0, fingerprint);
  }

  private RunStats real(RunSetup run, String name, long limit, long wallStart, LongConsumer progress) throws Exception {
    RealTime time = new RealTime(run.timeScale());
    realTimeExecutor.attach(time);
    Network network;
    List<MeasuredGroup<?>> groups = new ArrayList<>();
    NodeFailures failures = new NodeFailures();
    long simulated;
    try {
      network =
          new Network(
              time,
              run.topology().size(),
              id -> run.topology().groupOf(id).link(),
              id -> Seeds.forNode(run.seed(), id, Seeds.NETWORK),
              run.latency(),
              run.loss());
      RunContext context = new RunContext(time, network, run.topology(), run.window(), run.seed());
      for (GroupModel<?> model : run.models()) {
        groups.add(MeasuredGroup.start(model));
      }
      CompletableFuture<Void> ready = new CompletableFuture<>();
      CompletableFuture<Void> stopped = new CompletableFuture<>();
      ActorRef<World.Command> world =
          system.systemActorOf(
              World.create(context, id -> true, groups, failures, ready, stopped),
              name,
              DispatcherSelector.fromConfig(RealTimeExecutor.DISPATCHER));
      ready.get(2, TimeUnit.MINUTES);
      readyProbe.run();
      time.start();
      time.awaitTime(limit, progress);
      world.tell(World.Stop.INSTANCE);
      stopped.get(2, TimeUnit.MINUTES);
      simulated = time.now();
    } finally {
      // Closed before anything is read: the clock's thread has written it all, and the lag counts
      // the events that were due but never fired.
      realTimeExecutor.detach();
      time.close();
    }
    failIfAny(failures);
    NodeTraffic[] traffic = new NodeTraffic[run.topology().size()];
    for (int id = 0; id < traffic.length; id++) {
      traffic[id] = network.traffic(id);
    }
    return new RunStats(
        time.events(), simulated, System.nanoTime() - wallStart, traffic, groups, 1, time.meanLagNanos(), time.maxLagNanos(), 0);
  }

  /** A run in which a node threw has not measured what the scenario describes: it fails. */
  private static void failIfAny(NodeFailures failures) {
    if (failures.any()) {
      throw new IllegalStateException(failures.describe());
    }
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
      executors.forEach(VirtualExecutor::unregister);
      realTimeExecutor.unregister();
    }
  }
}
