package org.topolab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import java.util.Map;
import org.topolab.faults.FaultSchedule;
import org.topolab.network.Envelope;
import org.topolab.network.GroupTraffic;
import org.topolab.network.Network;
import org.topolab.node.GroupInfo;
import org.topolab.node.RunContext;
import org.topolab.node.Seeds;
import org.topolab.role.GroupModel;
import org.topolab.scenario.RunSetup;
import org.topolab.time.VirtualExecutor;
import org.topolab.time.VirtualTime;

/**
 * One partition of a virtual-time run: its nodes, its clock, its half of the network and its own
 * metrics per group. Everything it does happens on the one thread that drives its executor; what
 * it sends to other partitions waits in its outboxes until they take it in between two windows.
 */
final class PartitionRun {

  private final int index;
  private final Placement placement;
  private final VirtualExecutor executor;
  private final VirtualTime time;
  private final Network network;
  private final RunContext context;
  private final FaultSchedule faults;
  private final List<MeasuredGroup<?>> groups = new ArrayList<>();
  // Envelopes for each other partition, by window parity, then by the receiving partition: the
  // others take in one window's while this partition fills the other's.
  private final List<List<List<Envelope>>> outboxes = List.of(new ArrayList<>(), new ArrayList<>());
  private int parity;
  // The earliest arrival among the envelopes sent in the current window.
  private long earliestSent = Long.MAX_VALUE;
  // Envelopes from partitions in other JVMs, handed over between windows.
  private final List<Envelope> fromElsewhere = new ArrayList<>();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private ActorRef<World.Command> world;

  PartitionRun(int index, Placement placement, VirtualExecutor executor, RunSetup run) {
    this.index = index;
    this.placement = placement;
    this.executor = executor;
    this.time = new VirtualTime(executor);
    for (int p = 0; p < placement.partitions(); p++) {
      outboxes.get(0).add(new ArrayList<>());
      outboxes.get(1).add(new ArrayList<>());
    }
    this.network =
        new Network(
            time,
            run.topology().size(),
            this::isLocal,
            id -> run.topology().groupOf(id).link(),
            id -> Seeds.forNode(run.seed(), id, Seeds.NETWORK),
            run.latency(),
            run.loss(),
            this::post,
            run.faults());
    this.faults = run.faults();
    this.context = new RunContext(time, network, run.topology(), run.window(), run.seed());
    for (GroupModel<?> model : run.models()) {
      groups.add(MeasuredGroup.start(model));
    }
  }

  /** This partition's number, from 0. */
  int index() {
    return index;
  }

  private boolean isLocal(int id) {
    return placement.partitionOf(id) == index;
  }

  /** On this partition's thread: spawns its nodes under a world on {@code dispatcher}. */
  void start(ActorSystem<?> system, String name, String dispatcher, NodeFailures failures) throws InterruptedException {
    executor.attach();
    world =
        system.systemActorOf(
            World.create(context, this::isLocal, groups, failures, faults, ready, stopped),
            name,
            DispatcherSelector.fromConfig(dispatcher));
    time.runReadyUntil(ready::isDone);
    FaultInjector.schedule(faults, this::isLocal, time, world);
  }

  private void post(Envelope envelope) {
    outboxes.get(parity).get(placement.partitionOf(envelope.to())).add(envelope);
    earliestSent = Math.min(earliestSent, envelope.arrivalNanos());
  }

  /**
   * Fires this partition's events up to {@code limitNanos}, inclusive, as window {@code window};
   * messages to other partitions wait in the outboxes of that window's parity.
   */
  void runWindow(long window, long limitNanos, LongConsumer progress) {
    parity = (int) (window & 1);
    time.runUntil(limitNanos, progress);
  }

  /**
   * Takes in what the other partitions sent this one in window {@code window}: those of this JVM,
   * {@code local}, from their outboxes, those elsewhere as handed over by {@link #receive}.
   */
  void takeIn(List<PartitionRun> local, long window) {
    int sent = (int) (window & 1);
    for (PartitionRun other : local) {
      List<Envelope> box = other.outboxes.get(sent).get(index);
      for (Envelope envelope : box) {
        network.accept(envelope);
      }
      box.clear();
    }
    for (Envelope envelope : fromElsewhere) {
      network.accept(envelope);
    }
    fromElsewhere.clear();
  }

  /** Keeps an envelope from a partition in another JVM until the next {@link #takeIn}. */
  void receive(Envelope envelope) {
    fromElsewhere.add(envelope);
  }

  /**
   * Moves what this partition sent in window {@code window} to partitions not in this JVM into
   * {@code out}, by partition.
   */
  void handOver(long window, java.util.function.IntPredicate here, List<List<Envelope>> out) {
    List<List<Envelope>> boxes = outboxes.get((int) (window & 1));
    for (int p = 0; p < boxes.size(); p++) {
      if (!here.test(p) && !boxes.get(p).isEmpty()) {
        out.get(p).addAll(boxes.get(p));
        boxes.get(p).clear();
      }
    }
  }

  /**
   * The earliest time at which anything can happen next because of this partition: its own next
   * event or the arrival of a message it sent in this window. Clears the latter for the next window.
   */
  long nextActivity() {
    long next = Math.min(time.nextEventTime(), earliestSent);
    earliestSent = Long.MAX_VALUE;
    return next;
  }

  /** Fires every event of this partition up to {@code limitNanos}, inclusive: a run in one partition. */
  void runUntil(long limitNanos, LongConsumer progress) {
    time.runUntil(limitNanos, progress);
  }

  /** On this partition's thread: stops its nodes and lets go of the thread. */
  void stop() throws InterruptedException {
    try {
      if (world != null) {
        world.tell(World.Stop.INSTANCE);
        time.runReadyUntil(stopped::isDone);
      }
    } finally {
      executor.detach();
    }
  }

  long events() {
    return time.events();
  }

  long now() {
    return time.now();
  }

  long fingerprint() {
    return time.fingerprint();
  }

  /** This partition's view of each group, in the topology's order. */
  List<MeasuredGroup<?>> groups() {
    return groups;
  }

  /**
   * The traffic of this partition's nodes of {@code group}, and the messages of the group's other
   * nodes that were lost here because their receiver had crashed.
   */
  GroupTraffic traffic(GroupInfo group) {
    return traffic(group, network, this::isLocal);
  }

  /** The traffic of {@code group} as {@code network}, which holds the nodes for which {@code local} holds, saw it. */
  static GroupTraffic traffic(GroupInfo group, Network network, java.util.function.IntPredicate local) {
    GroupTraffic traffic = GroupTraffic.NONE;
    for (int i = 0; i < group.count(); i++) {
      if (local.test(group.id(i))) {
        traffic = traffic.plus(network.traffic(group.id(i)));
      }
    }
    for (Map.Entry<Integer, Long> lost : network.lostFromElsewhere().entrySet()) {
      if (group.contains(lost.getKey())) {
        traffic = traffic.plusDropped(lost.getValue());
      }
    }
    return traffic;
  }
}
