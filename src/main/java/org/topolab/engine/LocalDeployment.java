package org.topolab.engine;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.topolab.scenario.RunSetup;
import org.topolab.settings.Problems;
import org.topolab.time.RealTimeExecutor;
import org.topolab.time.TimeMode;

/**
 * Runs every node in this JVM, in one actor system shared by all runs of an experiment. In virtual
 * time the run is split into partitions, each driven by a thread of its own on a dispatcher of its
 * own (see {@link WindowedRun}); in real time on the real-time clock's thread (see {@link
 * RealTimeExecutor}).
 */
public final class LocalDeployment implements Deployment {

  private final int partitionCount;
  private final VirtualPartitions partitions;
  private final RealTimeExecutor realTimeExecutor = RealTimeExecutor.register();
  private final ActorSystem<Void> system;
  private int runs;
  private Runnable readyProbe = () -> {};

  /**
   * A deployment whose actor system reads {@code config} (usually {@link PekkoConfig#load()}) and
   * splits virtual-time runs into {@code partitions} partitions.
   */
  public LocalDeployment(Config config, int partitions) {
    this.partitionCount = partitions;
    this.partitions = new VirtualPartitions(partitions);
    // Start logging from this thread before Pekko's threads do: otherwise SLF4J warns that it replayed calls.
    org.slf4j.LoggerFactory.getILoggerFactory();
    this.system = ActorSystem.create(Behaviors.empty(), "topolab", this.partitions.configure(realTimeExecutor.configure(config)));
  }

  /** A deployment with the default configuration, in one partition. */
  public LocalDeployment() {
    this(PekkoConfig.load(), 1);
  }

  /** How many partitions virtual-time runs are split into. */
  public int partitions() {
    return partitionCount;
  }

  /** Runs {@code probe} in each run once all nodes exist, before time starts: for benchmarks. */
  public void onReady(Runnable probe) {
    this.readyProbe = probe;
  }

  @Override
  public void check(RunSetup run, Problems problems) {
    Splitting.check(run, partitionCount, false, problems);
  }

  @Override
  public RunStats execute(RunSetup run, LongConsumer progress) throws Exception {
    long wallStart = System.nanoTime();
    String name = "run-" + (++runs);
    // When every node exists, before time starts: noted before the probe, which may take a while.
    long[] spawned = {0};
    Runnable ready = () -> {
      spawned[0] = System.nanoTime();
      readyProbe.run();
    };
    RunStats stats;
    if (run.time() == TimeMode.VIRTUAL) {
      int[] all = java.util.stream.IntStream.range(0, partitionCount).toArray();
      RunPart part = partitions.run(system, run, partitionCount, all, Exchange.NONE, name, progress, ready);
      stats = RunStats.of(part, spawned[0] - wallStart, System.nanoTime() - wallStart, partitionCount, 1);
    } else {
      RealTimeRun.Result result = new RealTimeRun(run, id -> true, null).execute(system, realTimeExecutor, name, ready, progress);
      stats = RunStats.of(result.part(), spawned[0] - wallStart, System.nanoTime() - wallStart, 1, 1)
          .withLag(result.meanLagNanos(), result.maxLagNanos(), result.lateMessages());
    }
    // The run's nodes are garbage now, most of them in the old generation, which young collections
    // never clear: collecting them while little else lives (tens of milliseconds) keeps the heap of
    // a sweep the size of its largest run rather than the sum of its runs.
    System.gc();
    return stats;
  }

  @Override
  public void close() {
    try {
      Termination.terminate(system, Duration.ofMinutes(1));
    } finally {
      partitions.close();
      realTimeExecutor.unregister();
    }
  }
}
