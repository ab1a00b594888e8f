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
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.serialization.SerializationExtension;
import org.topolab.cluster.ClusterProtocol.Failed;
import org.topolab.cluster.ClusterProtocol.Prepare;
import org.topolab.cluster.ClusterProtocol.Prepared;
import org.topolab.cluster.ClusterProtocol.Refused;
import org.topolab.cluster.ClusterProtocol.ResultChunk;
import org.topolab.engine.MeasuredGroup;
import org.topolab.engine.RunPart;
import org.topolab.engine.VirtualPartitions;
import org.topolab.roles.RoleRegistry;
import org.topolab.scenario.RunParser;
import org.topolab.scenario.RunSetup;
import org.topolab.scenario.RunSpec;
import org.topolab.settings.Problems;

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
  private final CountDownLatch start = new CountDownLatch(1);
  private volatile String aborted;
  private volatile boolean finished;

  MemberRun(Prepare prepare, ActorSystem<?> system, VirtualPartitions partitions, String address) {
    this.prepare = prepare;
    this.system = system;
    this.partitions = partitions;
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

  /** Every member is prepared: time starts. */
  void start() {
    start.countDown();
  }

  /** Ends the run at once. */
  void abort(String reason) {
    aborted = reason;
    exchange.abort(reason);
    start.countDown();
  }

  /** Where other members' batches go. */
  ClusterExchange exchange() {
    return exchange;
  }

  @Override
  public void run() {
    try {
      RunSetup setup = parse();
      if (setup == null) {
        return;
      }
      int[] hosted = new int[prepare.shares().get(prepare.member())];
      for (int i = 0; i < hosted.length; i++) {
        hosted[i] = prepare.first(prepare.member()) + i;
      }
      RunPart part =
          partitions.run(system, setup, prepare.partitions(), hosted, exchange, "run-" + prepare.run(), time -> {}, this::preparedThenWait);
      List<byte[]> metrics = new ArrayList<>();
      for (MeasuredGroup<?> group : part.groups()) {
        metrics.add(MetricsSnapshots.snapshot(group.metrics()));
      }
      byte[] result = Cbor.write(new MemberResult(part.events(), part.simulatedNanos(), part.fingerprint(), metrics, part.traffic()));
      List<byte[]> chunks = Cbor.split(result, ClusterProtocol.CHUNK_BYTES);
      for (int i = 0; i < chunks.size(); i++) {
        prepare.coordinator().tell(new ResultChunk(prepare.run(), prepare.member(), i, chunks.size(), chunks.get(i)));
      }
    } catch (Exception | Error e) {
      String reason = aborted != null ? aborted : e.getMessage() == null ? e.toString() : e.getMessage();
      prepare.coordinator().tell(new Failed(prepare.run(), prepare.member(), address, reason));
    } finally {
      finished = true;
    }
  }

  /** The run as the coordinator validated it; refuses the run, and returns null, if this member cannot build it. */
  private RunSetup parse() throws IOException {
    Problems problems = new Problems(prepare.source());
    RunSpec spec = new RunSpec(0, prepare.variant(), Map.of(), parse(prepare.scenario()));
    RunSetup setup = new RunParser(new RoleRegistry()).parse(spec, problems);
    if (setup == null) {
      String reasons = problems.list().stream().map(problem -> problem.key() + ": " + problem.message()).collect(Collectors.joining("; "));
      prepare.coordinator().tell(new Refused(prepare.run(), prepare.member(), address, reasons));
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
