package org.topolab.cluster;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.topolab.cluster.ClusterProtocol.ToMember;
import org.topolab.engine.Termination;
import org.topolab.engine.VirtualPartitions;
import org.topolab.time.RealTimeExecutor;

/**
 * A member of a topolab cluster: an actor system that joins the cluster and a {@link MemberHost}
 * that takes runs. It runs until it is terminated (SIGTERM, or its parent's pipe closing when
 * started by {@code --local-cluster}).
 */
public final class Member implements AutoCloseable {

  /** The line a member prints on standard output once it listens; the parent of a local cluster reads it. */
  public static final String LISTENING = "topolab member listening at ";

  private final ActorSystem<ToMember> system;
  private final VirtualPartitions partitions;
  private final RealTimeExecutor realTime;

  private Member(ActorSystem<ToMember> system, VirtualPartitions partitions, RealTimeExecutor realTime) {
    this.system = system;
    this.partitions = partitions;
    this.realTime = realTime;
  }

  /**
   * Starts a member with {@code settings} and room for {@code slots} partitions, on top of {@code
   * base} (topolab's configuration). With no seed nodes it forms a cluster of its own, for others
   * to join.
   */
  public static Member start(ClusterSettings settings, Config base, int slots) {
    VirtualPartitions partitions = new VirtualPartitions(slots);
    RealTimeExecutor realTime = RealTimeExecutor.register();
    Config config = realTime.configure(partitions.configure(settings.pekkoConfig(base, List.of("member"))));
    org.slf4j.LoggerFactory.getILoggerFactory();
    ActorSystem<ToMember> system = ActorSystem.create(MemberHost.create(partitions, realTime), ClusterSettings.SYSTEM, config);
    try {
      // A message type without its binding would fail in the middle of a run: better now.
      SerializationCheck.verify(system, ClusterProtocol.messageTypes());
    } catch (IllegalStateException e) {
      system.terminate();
      partitions.close();
      realTime.unregister();
      throw e;
    }
    if (settings.seedNodes().isEmpty()) {
      Cluster cluster = Cluster.get(system);
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
    return new Member(system, partitions, realTime);
  }

  /** Where this member listens, as {@code host:port}. */
  public String address() {
    return MemberHost.address(system);
  }

  /** Blocks until the member's actor system has terminated. */
  public void awaitTermination() throws InterruptedException {
    try {
      system.getWhenTerminated().toCompletableFuture().get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Ends the member when {@code parent} (its standard input, a pipe from the process that
   * started it) closes: a member of a local cluster never outlives its parent, however the parent ends.
   */
  public void endWith(InputStream parent) {
    Thread watcher = new Thread(() -> {
      try {
        while (parent.read() >= 0) {
          // nothing is sent on the pipe: only its end matters
        }
      } catch (IOException e) {
        // a broken pipe is an end too
      }
      close();
    }, "topolab-parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  /** Leaves the cluster and stops the actor system. */
  @Override
  public void close() {
    try {
      Termination.terminate(system, Duration.ofSeconds(30));
    } finally {
      partitions.close();
      realTime.unregister();
    }
  }
}
