package org.topolab.engine;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.topolab.network.GroupTraffic;
import org.topolab.node.GroupInfo;
import org.topolab.scenario.RunSetup;
import org.topolab.time.VirtualExecutor;

/**
 * The partitions of virtual-time runs that live in this JVM: an executor and a dispatcher for
 * each, set up before the actor system starts, and the running of a run's partitions on them.
 * In one JVM it holds every partition; on a cluster member, that member's share.
 */
public final class VirtualPartitions implements AutoCloseable {

  private final int[] indexes;
  private final List<VirtualExecutor> executors = new ArrayList<>();

  /** Partitions numbered {@code indexes} (of a run's partitions) live here. */
  public VirtualPartitions(int... indexes) {
    if (indexes.length == 0) {
      throw new IllegalArgumentException("a JVM that runs nodes holds at least one partition");
    }
    this.indexes = indexes.clone();
    for (int ignored : indexes) {
      executors.add(VirtualExecutor.register());
    }
  }

  /** Partitions 0 to {@code count - 1}: every partition of a run in one JVM. */
  public static VirtualPartitions all(int count) {
    int[] indexes = new int[count];
    for (int p = 0; p < count; p++) {
      indexes[p] = p;
    }
    return new VirtualPartitions(indexes);
  }

  /** {@code config} with a dispatcher for each partition here: the actor system must be made from it. */
  public Config configure(Config config) {
    Config result = config;
    for (int i = 0; i < indexes.length; i++) {
      result = executors.get(i).configure(result, dispatcher(indexes[i]));
    }
    return result;
  }

  private static String dispatcher(int partition) {
    return VirtualExecutor.DISPATCHER + "-" + partition;
  }

  /**
   * Runs the partitions of {@code run} that live here, on {@code system} (made from {@link
   * #configure}), meeting the run's other partitions through {@code exchange}; returns what they
   * measured. {@code ready} runs once their nodes exist, before time starts; {@code progress} is
   * told the simulated time now and then.
   */
  public RunPart run(
      ActorSystem<?> system,
      RunSetup run,
      Placement placement,
      Exchange exchange,
      String name,
      LongConsumer progress,
      Runnable ready)
      throws Exception {
    long limit = run.window().endNanos() + run.drainNanos();
    long lookahead = placement.partitions() == 1 ? Long.MAX_VALUE : Lookahead.of(run);
    if (lookahead <= 0) {
      throw new IllegalStateException("a run in " + placement.partitions() + " partitions has no lookahead: check(run) should have refused it");
    }
    List<PartitionRun> partitions = new ArrayList<>();
    for (int i = 0; i < indexes.length; i++) {
      partitions.add(new PartitionRun(indexes[i], placement, executors.get(i), run));
    }
    NodeFailures failures = new NodeFailures();
    new WindowedRun(partitions, placement, exchange, lookahead, limit, progress, ready)
        .execute(partition -> partition.start(system, name + "-" + partition.index(), dispatcher(partition.index()), failures));
    if (failures.any()) {
      // A run in which a node threw has not measured what the scenario describes: it fails.
      throw new IllegalStateException(failures.describe());
    }
    RunPart result = null;
    for (PartitionRun partition : partitions) {
      List<GroupTraffic> traffic = new ArrayList<>();
      for (GroupInfo group : run.topology().groups()) {
        traffic.add(partition.traffic(group));
      }
      RunPart part = new RunPart(partition.events(), partition.now(), partition.fingerprint(), partition.groups(), traffic);
      result = result == null ? part : result.plus(part);
    }
    return result;
  }

  /** Forgets the executors; the actor system using them must have terminated. */
  @Override
  public void close() {
    executors.forEach(VirtualExecutor::unregister);
  }
}
