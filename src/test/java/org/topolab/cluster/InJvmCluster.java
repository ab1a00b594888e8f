package org.topolab.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.topolab.engine.PekkoConfig;

/**
 * Cluster members as actor systems in this JVM on 127.0.0.1, each on a free port and configured by
 * {@link ClusterSettings#pekkoConfig}; {@link #close} terminates every one started.
 */
final class InJvmCluster implements AutoCloseable {

  /** Formation takes a few seconds; a busy 2-core machine gets many times that. */
  static final Duration FORMATION = Duration.ofSeconds(60);

  private final List<ActorSystem<Void>> systems = new ArrayList<>();

  /** The first member, with {@code settings} on a free port: it joins itself, being its own seed. */
  ActorSystem<Void> first(ClusterSettings settings) {
    ActorSystem<Void> system = start(settings.with("127.0.0.1", 0, List.of()));
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    return system;
  }

  /** A member with {@code settings} on a free port that joins through {@code seed}. */
  ActorSystem<Void> join(ClusterSettings settings, ActorSystem<?> seed) {
    return start(settings.with("127.0.0.1", 0, List.of(hostAndPort(seed))));
  }

  private ActorSystem<Void> start(ClusterSettings settings) {
    ActorSystem<Void> system =
        ActorSystem.create(Behaviors.empty(), ClusterSettings.SYSTEM, settings.pekkoConfig(PekkoConfig.load(), List.of("test")));
    systems.add(system);
    return system;
  }

  /** Where {@code system} listens, as a seed node: the port it bound, since it asked for any. */
  static String hostAndPort(ActorSystem<?> system) {
    Address address = system.address();
    return address.getHost().orElseThrow() + ":" + address.getPort().orElseThrow();
  }

  /** The members {@code viewer} knows of, in any state. */
  static List<Member> members(ActorSystem<?> viewer) {
    return StreamSupport.stream(Cluster.get(viewer).state().getMembers().spliterator(), false).toList();
  }

  /** Whether {@code viewer} sees exactly {@code expected}, all Up. */
  static boolean allUp(ActorSystem<?> viewer, List<ActorSystem<Void>> expected) {
    List<Address> seen = members(viewer).stream().filter(m -> m.status() == MemberStatus.up()).map(Member::address).toList();
    List<Address> wanted = expected.stream().map(ActorSystem::address).toList();
    return members(viewer).size() == wanted.size() && seen.containsAll(wanted);
  }

  /** Waits until every one of {@code members} sees all of them Up. */
  static void awaitUp(List<ActorSystem<Void>> members) {
    await(FORMATION, () -> members.stream().allMatch(viewer -> allUp(viewer, members)), () -> "members not all Up: " + views(members));
  }

  /** Each member's view of the cluster, for a failure message. */
  static String views(List<ActorSystem<Void>> members) {
    StringBuilder views = new StringBuilder();
    for (ActorSystem<Void> viewer : members) {
      views.append("\n  ").append(viewer.address()).append(" sees ").append(members(viewer));
    }
    return views.toString();
  }

  /** Polls {@code condition} until it holds; fails with {@code state} after {@code timeout}. */
  static void await(Duration timeout, BooleanSupplier condition, Supplier<String> state) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + timeout.toSeconds() + " s: " + state.get());
      }
      sleep();
    }
  }

  /** The poll interval: short beside formation times, long enough not to compete for the cores. */
  static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Terminates every member started, all at once (leaving one by one would wait on each). */
  @Override
  public void close() throws Exception {
    for (ActorSystem<Void> system : systems) {
      system.terminate();
    }
    for (ActorSystem<Void> system : systems) {
      system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
    systems.clear();
  }
}
