package org.topolab.cluster;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.topolab.cluster.ClusterProtocol.Abort;
import org.topolab.cluster.ClusterProtocol.Describe;
import org.topolab.cluster.ClusterProtocol.Description;
import org.topolab.cluster.ClusterProtocol.Failed;
import org.topolab.cluster.ClusterProtocol.Prepare;
import org.topolab.cluster.ClusterProtocol.Prepared;
import org.topolab.cluster.ClusterProtocol.Refused;
import org.topolab.cluster.ClusterProtocol.ResultChunk;
import org.topolab.cluster.ClusterProtocol.Start;
import org.topolab.cluster.ClusterProtocol.ToMember;
import org.topolab.engine.Deployment;
import org.topolab.engine.MeasuredGroup;
import org.topolab.engine.Placement;
import org.topolab.engine.RunAbortedException;
import org.topolab.engine.RunPart;
import org.topolab.engine.RunStats;
import org.topolab.engine.Splitting;
import org.topolab.engine.Termination;
import org.topolab.node.GroupInfo;
import org.topolab.scenario.RunSetup;
import org.topolab.scenario.RunText;
import org.topolab.settings.Problems;
import org.topolab.time.TimeMode;

/**
 * Runs each run of an experiment across the members of a cluster: this JVM joins as the
 * coordinator, sends every member the run's configuration as text, starts them together once all
 * have spawned their nodes, and merges their results, in member order, into the same report a
 * run in one JVM gives. A member that becomes unreachable ends the run, naming it.
 */
public final class ClusterDeployment implements Deployment {

  private final ActorSystem<Object> system;
  private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
  private final List<Description> members = new ArrayList<>();
  private int partitions;
  private int runs;

  /** How far ahead of its Start message a real-time run's clocks start. */
  private static final long START_AHEAD_MILLIS = 1_000;

  private ClusterDeployment(Config config) {
    org.slf4j.LoggerFactory.getILoggerFactory();
    this.system =
        ActorSystem.create(
            Behaviors.receive(Object.class).onAnyMessage(message -> {
              inbox.add(message);
              return Behaviors.same();
            }).build(),
            ClusterSettings.SYSTEM,
            config);
  }

  /**
   * Joins the cluster through {@code settings}' seed nodes as a coordinator and waits, up to
   * {@code patience}, until at least {@code expected} members are up and have stayed the same for
   * a few seconds.
   *
   * @throws IllegalStateException naming what did not answer
   */
  public static ClusterDeployment join(ClusterSettings settings, Config base, int expected, Duration patience) throws InterruptedException {
    ClusterDeployment deployment = new ClusterDeployment(settings.pekkoConfig(base, List.of("coordinator")));
    try {
      SerializationCheck.verify(deployment.system, ClusterProtocol.messageTypes());
      deployment.members.addAll(deployment.awaitMembers(expected, patience, settings));
      deployment.partitions = deployment.members.stream().mapToInt(Description::slots).sum();
      return deployment;
    } catch (RuntimeException | InterruptedException e) {
      deployment.close();
      throw e;
    }
  }

  private List<Description> awaitMembers(int expected, Duration patience, ClusterSettings settings) throws InterruptedException {
    system.receptionist().tell(Receptionist.subscribe(MemberHost.KEY, system.narrow()));
    long deadline = System.nanoTime() + patience.toNanos();
    Set<ActorRef<ToMember>> hosts = Set.of();
    long stableSince = System.nanoTime();
    // Members that are still joining show up one by one: wait until the set has stood still.
    while (hosts.size() < expected || System.nanoTime() - stableSince < TimeUnit.SECONDS.toNanos(3)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException(
            "found " + hosts.size() + " of " + expected + " members within " + patience.toSeconds() + " s through "
                + String.join(", ", settings.seedNodes()) + ": check that `topolab member` runs there, and the hosts and ports");
      }
      Object message = inbox.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(500)), TimeUnit.NANOSECONDS);
      if (message instanceof Receptionist.Listing listing && listing.isForKey(MemberHost.KEY)) {
        Set<ActorRef<ToMember>> now = listing.getServiceInstances(MemberHost.KEY);
        if (!now.equals(hosts)) {
          hosts = now;
          stableSince = System.nanoTime();
        }
      }
    }
    for (ActorRef<ToMember> host : hosts) {
      host.tell(new Describe(system.narrow()));
    }
    // A member that has just died may still be listed until the cluster downs it: whoever answers
    // within a few seconds takes part.
    List<Description> described = new ArrayList<>();
    long answerBy = Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
    while (described.size() < hosts.size()) {
      long left = answerBy - System.nanoTime();
      Object message = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
      if (message == null) {
        break;
      }
      if (message instanceof Description description) {
        described.add(description);
      }
    }
    if (described.size() < expected) {
      throw new IllegalStateException("only " + described.size() + " of " + expected + " members answered; the others may have just left");
    }
    described.sort(Comparator.comparing(Description::address));
    Cluster.get(system).subscriptions().tell(Subscribe.create(system.narrow(), ClusterEvent.ReachabilityEvent.class));
    Cluster.get(system).subscriptions().tell(Subscribe.create(system.narrow(), ClusterEvent.MemberEvent.class));
    return described;
  }

  /** The members, in the order of their numbers in a run. */
  public List<Description> members() {
    return List.copyOf(members);
  }

  /** The run's partitions in all: every member's slots. */
  public int partitions() {
    return partitions;
  }

  @Override
  public void check(RunSetup run, Problems problems) {
    // In real time each member is one partition; in virtual time each runs its slots.
    Splitting.check(run, run.time() == TimeMode.REAL ? members.size() : partitions, true, problems);
  }

  @Override
  public RunStats execute(RunSetup run, LongConsumer progress) throws Exception {
    long wallStart = System.nanoTime();
    String id = "run-" + (++runs) + "-" + UUID.randomUUID();
    List<ActorRef<ToMember>> hosts = members.stream().map(Description::host).toList();
    List<Integer> shares = members.stream().map(Description::slots).toList();
    String scenario = RunText.of(run.spec());
    String source = run.spec().config().origin().filename() == null ? "scenario" : run.spec().config().origin().filename();
    for (int m = 0; m < hosts.size(); m++) {
      hosts.get(m).tell(new Prepare(id, scenario, run.spec().variant(), source, m, hosts, shares, system.narrow()));
    }
    try {
      awaitPrepared(id, run);
      long spawnNanos = System.nanoTime() - wallStart;
      boolean real = run.time() == TimeMode.REAL;
      // Real time: every member's clock starts at one instant of the wall clock, a moment ahead so
      // that the Start reaches them all first (the members' clocks must agree, as NTP keeps them).
      long startAt = real ? System.currentTimeMillis() + START_AHEAD_MILLIS : 0;
      hosts.forEach(host -> host.tell(new Start(id, startAt)));
      List<MemberResult> results = awaitResults(id, run);
      RunPart merged = null;
      for (MemberResult result : results) {
        RunPart part = part(run, result);
        merged = merged == null ? part : merged.plus(part);
      }
      if (!real) {
        return RunStats.of(merged, spawnNanos, System.nanoTime() - wallStart, partitions, members.size());
      }
      double lagWeighted = 0;
      long maxLag = 0;
      long late = 0;
      for (MemberResult result : results) {
        lagWeighted += result.meanLagNanos() * result.events();
        maxLag = Math.max(maxLag, result.maxLagNanos());
        late += result.lateMessages();
      }
      return RunStats.of(merged, spawnNanos, System.nanoTime() - wallStart, members.size(), members.size())
          .withLag(merged.events() == 0 ? 0 : lagWeighted / merged.events(), maxLag, late);
    } catch (Exception e) {
      hosts.forEach(host -> host.tell(new Abort(id, "the run was given up: " + e.getMessage())));
      throw e;
    }
  }

  private void awaitPrepared(String id, RunSetup run) throws Exception {
    boolean[] prepared = new boolean[members.size()];
    int count = 0;
    while (count < members.size()) {
      Object message = next(id, run);
      if (message instanceof Prepared ready && ready.run().equals(id) && !prepared[ready.member()]) {
        prepared[ready.member()] = true;
        count++;
      }
    }
  }

  private List<MemberResult> awaitResults(String id, RunSetup run) throws Exception {
    Map<Integer, byte[][]> chunks = new HashMap<>();
    MemberResult[] parts = new MemberResult[members.size()];
    int done = 0;
    while (done < members.size()) {
      Object message = next(id, run);
      if (message instanceof ResultChunk chunk && chunk.run().equals(id)) {
        byte[][] received = chunks.computeIfAbsent(chunk.member(), m -> new byte[chunk.parts()][]);
        received[chunk.part()] = chunk.bytes();
        if (java.util.Arrays.stream(received).allMatch(java.util.Objects::nonNull)) {
          parts[chunk.member()] = Cbor.read(Cbor.join(received), MemberResult.class);
          done++;
        }
      }
    }
    return List.of(parts);
  }

  /** A member's result with its metrics restored into the coordinator's own models. */
  private static RunPart part(RunSetup run, MemberResult result) {
    List<MeasuredGroup<?>> groups = new ArrayList<>();
    for (int g = 0; g < run.models().size(); g++) {
      MeasuredGroup<?> group = MeasuredGroup.start(run.models().get(g));
      MetricsSnapshots.restore(result.metrics().get(g), group.metrics());
      groups.add(group);
    }
    return new RunPart(result.events(), result.simulatedNanos(), result.fingerprint(), groups, result.traffic());
  }

  /**
   * The next message about run {@code id}; throws if a member refused or failed it, became
   * unreachable or left the cluster.
   */
  private Object next(String id, RunSetup run) throws Exception {
    while (true) {
      Object message = inbox.take();
      if (message instanceof Refused refused && refused.run().equals(id)) {
        throw new RunAbortedException("member " + refused.address() + " cannot run this scenario: " + refused.reason());
      }
      if (message instanceof Failed failed && failed.run().equals(id)) {
        throw new RunAbortedException("member " + failed.address() + " failed: " + failed.reason());
      }
      if (message instanceof ClusterEvent.UnreachableMember unreachable) {
        int m = memberAt(unreachable.member().address());
        if (m >= 0) {
          throw new RunAbortedException(
              "member " + members.get(m).address() + " became unreachable, with " + heldBy(m, run) + "; the others go back to waiting");
        }
      }
      if (message instanceof ClusterEvent.MemberEvent event && gone(event)) {
        int m = memberAt(event.member().address());
        if (m >= 0) {
          throw new RunAbortedException(
              "member " + members.get(m).address() + " left the cluster, with " + heldBy(m, run) + "; the others go back to waiting");
        }
      }
      if (!(message instanceof ClusterEvent.ReachabilityEvent) && !(message instanceof ClusterEvent.MemberEvent)) {
        return message;
      }
    }
  }

  /** Whether {@code event} says a member is leaving or has left (a member that is stopped cleanly). */
  private static boolean gone(ClusterEvent.MemberEvent event) {
    return event instanceof ClusterEvent.MemberLeft
        || event instanceof ClusterEvent.MemberExited
        || event instanceof ClusterEvent.MemberDowned
        || event instanceof ClusterEvent.MemberRemoved;
  }

  private int memberAt(Address address) {
    String hostPort = address.getHost().orElse("") + ":" + address.getPort().orElse(0);
    for (int m = 0; m < members.size(); m++) {
      if (members.get(m).address().equals(hostPort)) {
        return m;
      }
    }
    return -1;
  }

  /** What member {@code m} held: its partitions and how many of each group's nodes. */
  private String heldBy(int m, RunSetup run) {
    int first = members.subList(0, m).stream().mapToInt(Description::slots).sum();
    int count = members.get(m).slots();
    Placement placement = Placement.of(run, partitions);
    List<String> held = new ArrayList<>();
    for (GroupInfo group : run.topology().groups()) {
      int nodes = 0;
      String example = null;
      for (int i = 0; i < group.count(); i++) {
        int partition = placement.partitionOf(group.id(i));
        if (partition >= first && partition < first + count) {
          nodes++;
          if (example == null) {
            example = run.topology().nodeName(group.id(i));
          }
        }
      }
      if (nodes > 0) {
        held.add(nodes == 1 ? example : nodes + " " + group.name() + " (" + example + ", ...)");
      }
    }
    return (count == 1 ? "partition " + first : "partitions " + first + "-" + (first + count - 1)) + ": " + String.join(", ", held);
  }

  /** Leaves the cluster and stops this JVM's actor system. */
  @Override
  public void close() {
    Termination.terminate(system, Duration.ofSeconds(30));
  }
}
