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
 * The room this JVM has for partitions of virtual-time runs: slots, each with an executor and a
 * dispatcher set up before the actor system starts, and the running of a run's partitions in
 * them. In one JVM a run's partitions fill every slot; on a cluster member, the member's share of
 * the run's partitions does, whichever numbers they have in that run.
 */
public final class VirtualPartitions implements AutoCloseable {

  private final List<VirtualExecutor> executors = new ArrayList<>();

  /** Room for {@code slots} partitions. */
  public VirtualPartitions(int slots) {
    if (slots < 1) {
      throw new IllegalArgumentException("a JVM that runs nodes holds at least one partition");
    }
    for (int slot = 0; slot < slots; slot++) {
      executors.add(VirtualExecutor.register());
    }
  }

  /** How many partitions this JVM can hold. */
  public int slots() {
    return executors.size();
  }

  /** {@code config} with a dispatcher for each slot: the actor system must be made from it. */
  public Config configure(Config config) {
    Config result = config;
    for (int slot = 0; slot < executors.size(); slot++) {
      result = executors.get(slot).configure(result, dispatcher(slot));
    }
    return result;
  }

  private static String dispatcher(int slot) {
    return VirtualExecutor.DISPATCHER + "-" + slot;
  }

  /**
   * Runs partitions {@code hosted} of {@code run}'s {@code partitions}, one per slot, on {@code
   * system} (made from {@link #configure}), meeting the run's other partitions through {@code
   * exchange}; returns what they measured. {@code ready} runs once their nodes exist, before time starts; {@code progress}
   * is told the simulated time now and then.
   */
  public RunPart run(
      ActorSystem<?> system,
      RunSetup run,
      int partitions,
      int[] hosted,
      Exchange exchange,
      String name,
      LongConsumer progress,
      Runnable ready)
      throws Exception {
    long limit = run.window().endNanos() + run.drainNanos();
    Placement placement = Placement.of(run, partitions);
    long lookahead = partitions == 1 ? Long.MAX_VALUE : Lookahead.of(run, placement);
    if (lookahead <= 0) {
      throw new IllegalStateException("a run in " + placement.partitions() + " partitions has no lookahead: check(run) should have refused it");
    }
    if (hosted.length > executors.size()) {
      throw new IllegalArgumentException("this JVM has room for " + executors.size() + " partitions, not " + hosted.length);
    }
    List<PartitionRun> here = new ArrayList<>();
    for (int slot = 0; slot < hosted.length; slot++) {
      here.add(new PartitionRun(hosted[slot], placement, executors.get(slot), run));
    }
    NodeFailures failures = new NodeFailures();
    new WindowedRun(here, placement, exchange, lookahead, limit, progress, ready)
        .execute(partition -> {
          int slot = here.indexOf(partition);
          partition.start(system, name + "-" + partition.index(), dispatcher(slot), failures);
        });
    if (failures.any()) {
      // A run in which a node threw has not measured what the scenario describes: it fails.
      throw new IllegalStateException(failures.describe());
    }
    RunPart result = null;
    for (PartitionRun partition : here) {
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
