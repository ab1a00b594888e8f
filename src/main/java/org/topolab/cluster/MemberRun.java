package org.topolab.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.serialization.SerializationExtension;
import org.topolab.cluster.ClusterProtocol.Deliveries;
import org.topolab.cluster.ClusterProtocol.Failed;
import org.topolab.cluster.ClusterProtocol.Prepare;
import org.topolab.cluster.ClusterProtocol.Prepared;
import org.topolab.cluster.ClusterProtocol.Refused;
import org.topolab.cluster.ClusterProtocol.ResultChunk;
import org.topolab.engine.MeasuredGroup;
import org.topolab.engine.Placement;
import org.topolab.engine.RealTimeRun;
import org.topolab.engine.RunPart;
import org.topolab.engine.VirtualPartitions;
import org.topolab.roles.RoleRegistry;
import org.topolab.scenario.RunParser;
import org.topolab.scenario.RunSetup;
import org.topolab.scenario.RunSpec;
import org.topolab.settings.Problems;
import org.topolab.time.RealTimeExecutor;
import org.topolab.time.TimeMode;

/**
 * One member's share of one run, on a thread of its own: builds the run from the scenario text,
 * spawns the nodes of its partitions, says it is prepared, waits for the start, runs in step with
 * the other members and sends its result to the coordinator.
 */
final class MemberRun implements Runnable {

  private final Prepare prepare;
  private final ActorSystem<?> system;
  private final VirtualPartitions partitions;
  private final String address;
  private final ClusterExchange exchange;
  private final RealTimeExecutor realTimeExecutor;
  private final CountDownLatch start = new CountDownLatch(1);
  private volatile long startAtEpochMillis;
  // A real-time run's nodes and its messages to other members; null in virtual time.
  private volatile RealTimeRun realTime;
  private volatile RealTimeExchange realTimeExchange;
  private volatile String aborted;
  private volatile boolean finished;
  private Refused refusal;

  MemberRun(Prepare prepare, ActorSystem<?> system, VirtualPartitions partitions, RealTimeExecutor realTime, String address) {
    this.prepare = prepare;
    this.system = system;
    this.partitions = partitions;
    this.realTimeExecutor = realTime;
    this.address = address;
    this.exchange =
        new ClusterExchange(
            prepare.run(), prepare.member(), prepare.hosts(), prepare.memberOfPartition(), SerializationExtension.get(system));
  }

  /** This run's id. */
  String id() {
    return prepare.run();
  }

  /** Whether the run still holds this member. */
  boolean busy() {
    return !finished;
  }

  /** Every member is prepared: time starts (in real time, at {@code atEpochMillis}). */
  void start(long atEpochMillis) {
    startAtEpochMillis = atEpochMillis;
    start.countDown();
  }

  /** In real time: messages from another member for this member's nodes. */
  void deliver(Deliveries deliveries) {
    RealTimeRun nodes = realTime;
    RealTimeExchange exchange = realTimeExchange;
    if (nodes != null && exchange != null) {
      exchange.open(deliveries, nodes::takeIn);
    }
  }

  /** Ends the run at once, in either kind of time. */
  void abort(String reason) {
    aborted = reason;
    exchange.abort(reason);
    RealTimeRun nodes = realTime;
    if (nodes != null) {
      nodes.stop(reason);
    }
    start.countDown();
  }

  /** Where other members' batches go. */
  ClusterExchange exchange() {
    return exchange;
  }

  @Override
  public void run() {
    // The member is free again before the coordinator hears the end, so that whoever hears it can
    // send the next run at once.
    try {
      RunSetup setup = parse();
      if (setup == null) {
        finished = true;
        prepare.coordinator().tell(refusal);
        return;
      }
      MemberResult result = setup.time() == TimeMode.REAL ? runInRealTime(setup) : runInVirtualTime(setup);
      finished = true;
      send(result);
    } catch (Exception | Error e) {
      finished = true;
      String reason = aborted != null ? aborted : e.getMessage() == null ? e.toString() : e.getMessage();
      prepare.coordinator().tell(new Failed(prepare.run(), prepare.member(), address, reason));
    }
  }

  private MemberResult runInVirtualTime(RunSetup setup) throws Exception {
    int[] hosted = new int[prepare.shares().get(prepare.member())];
    for (int i = 0; i < hosted.length; i++) {
      hosted[i] = prepare.first(prepare.member()) + i;
    }
    RunPart part =
        partitions.run(system, setup, prepare.partitions(), hosted, exchange, "run-" + prepare.run(), time -> {}, this::preparedThenWait);
    return new MemberResult(part.events(), part.simulatedNanos(), part.fingerprint(), snapshots(part), part.traffic(), 0, 0, 0);
  }

  /**
   * In real time each member is one partition, whatever its slots: its nodes run on its clock's
   * thread, and messages to other members go as they leave their senders.
   */
  private MemberResult runInRealTime(RunSetup setup) throws Exception {
    Placement placement = Placement.of(setup, prepare.hosts().size());
    try (RealTimeExchange outgoing =
        new RealTimeExchange(prepare.run(), prepare.member(), prepare.hosts(), placement::partitionOf, SerializationExtension.get(system))) {
      realTimeExchange = outgoing;
      realTime = new RealTimeRun(setup, id -> placement.partitionOf(id) == prepare.member(), outgoing);
      RealTimeRun.Result result =
          realTime.execute(system, realTimeExecutor, "run-" + prepare.run(), this::preparedThenWaitForTheInstant, time -> {});
      RunPart part = result.part();
      return new MemberResult(part.events(), part.simulatedNanos(), 0, snapshots(part), part.traffic(),
          result.meanLagNanos(), result.maxLagNanos(), result.lateMessages());
    }
  }

  private static List<byte[]> snapshots(RunPart part) {
    List<byte[]> metrics = new ArrayList<>();
    for (MeasuredGroup<?> group : part.groups()) {
      metrics.add(MetricsSnapshots.snapshot(group.metrics()));
    }
    return metrics;
  }

  /** Sends {@code memberResult} to the coordinator, in chunks that fit Artery's frames. */
  private void send(MemberResult memberResult) {
    List<byte[]> chunks = Cbor.split(Cbor.write(memberResult), ClusterProtocol.CHUNK_BYTES);
    for (int i = 0; i < chunks.size(); i++) {
      prepare.coordinator().tell(new ResultChunk(prepare.run(), prepare.member(), i, chunks.size(), chunks.get(i)));
    }
  }

  /** The run as the coordinator validated it, or null, with {@link #refusal} set, if this member cannot build it. */
  private RunSetup parse() throws IOException {
    Problems problems = new Problems(prepare.source());
    RunSpec spec = new RunSpec(0, prepare.variant(), Map.of(), parse(prepare.scenario()));
    RunSetup setup = new RunParser(new RoleRegistry()).parse(spec, problems);
    if (setup == null) {
      String reasons = problems.list().stream().map(problem -> problem.key() + ": " + problem.message()).collect(Collectors.joining("; "));
      refusal = new Refused(prepare.run(), prepare.member(), address, reasons);
    }
    return setup;
  }

  /**
   * The run's configuration from its text, read from a file: keys then keep the order they are
   * written in, as groups must for every member to number the nodes alike (see RunText).
   */
  private static Config parse(String text) throws IOException {
    Path file = Files.createTempFile("topolab-run", ".conf");
    try {
      Files.writeString(file, text);
      return ConfigFactory.parseFile(file.toFile()).resolve();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * In real time, once this member's nodes exist: tells the coordinator, waits for the start, then
   * for the agreed instant on the wall clock, so that every member's clock reads 0 together.
   */
  private void preparedThenWaitForTheInstant() {
    preparedThenWait();
    long wait;
    while ((wait = startAtEpochMillis - System.currentTimeMillis()) > 0) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(wait, 50)));
    }
  }

  /** Once this member's nodes exist: tells the coordinator, and waits for the start. */
  private void preparedThenWait() {
    prepare.coordinator().tell(new Prepared(prepare.run(), prepare.member()));
    try {
      start.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the start", e);
    }
    if (aborted != null) {
      throw new IllegalStateException(aborted);
    }
  }
}
