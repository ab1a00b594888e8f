package org.topolab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.topolab.cluster.ClusterProtocol.Abort;
import org.topolab.cluster.ClusterProtocol.Failed;
import org.topolab.cluster.ClusterProtocol.Prepare;
import org.topolab.cluster.ClusterProtocol.Prepared;
import org.topolab.cluster.ClusterProtocol.Refused;
import org.topolab.cluster.ClusterProtocol.ToCoordinator;
import org.topolab.cluster.ClusterProtocol.ToMember;
import org.topolab.engine.PekkoConfig;
import org.topolab.engine.VirtualPartitions;
import org.topolab.time.RealTimeExecutor;

/** A member's host on its own: one run at a time, a clear refusal for a second, back to waiting after an abort. */
class MemberHostTest {

  private static final String SCENARIO = "duration = 5s\ngroups { server { role = server, service-time = 5ms } }\n";

  private final VirtualPartitions partitions = new VirtualPartitions(1);
  private final RealTimeExecutor realTime = RealTimeExecutor.register();
  // Stopping waits for a run's thread to let go of its dispatcher: on a busy machine that takes a while.
  private final ActorTestKit kit =
      ActorTestKit.create(realTime.configure(partitions.configure(
          ConfigFactory.parseString("pekko.actor.testkit.typed.system-shutdown-default = 60s").withFallback(PekkoConfig.load()))));

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
    partitions.close();
    realTime.unregister();
  }

  private static Prepare prepare(String run, ActorRef<ToMember> host, ActorRef<ToCoordinator> coordinator) {
    return new Prepare(run, SCENARIO, "default", "test.conf", 0, List.of(host), List.of(1), coordinator);
  }

  @Test
  void aBusyMemberRefusesASecondRunAndTakesTheNextOnceTheFirstIsAborted() {
    ActorRef<ToMember> host = kit.spawn(MemberHost.create(partitions, realTime));
    TestProbe<ToCoordinator> coordinator = kit.createTestProbe();
    Duration patience = Duration.ofSeconds(30); // spawning and Pekko's threads on a busy machine

    host.tell(prepare("first", host, coordinator.ref()));
    coordinator.expectMessage(patience, new Prepared("first", 0));
    host.tell(prepare("second", host, coordinator.ref()));
    Refused refused = coordinator.expectMessageClass(Refused.class, patience);
    assertThat(refused.run()).isEqualTo("second");
    assertThat(refused.reason()).isEqualTo("busy with another run (first)");

    host.tell(new Abort("first", "given up by the test"));
    Failed failed = coordinator.expectMessageClass(Failed.class, patience);
    assertThat(failed.run()).isEqualTo("first");
    assertThat(failed.reason()).isEqualTo("given up by the test");

    // Waiting again, as soon as it has said the first run failed: a third run is prepared.
    host.tell(prepare("third", host, coordinator.ref()));
    coordinator.expectMessage(patience, new Prepared("third", 0));
    host.tell(new Abort("third", "done"));
    assertThat(coordinator.expectMessageClass(Failed.class, patience).run()).isEqualTo("third");
  }

  @Test
  void anAbortEndsARealTimeRunLongBeforeItsEnd() {
    ActorRef<ToMember> host = kit.spawn(MemberHost.create(partitions, realTime));
    TestProbe<ToCoordinator> coordinator = kit.createTestProbe();
    String oneHour = "time = real\nduration = 1h\ngroups { server { role = server, service-time = 5ms } }\n";
    host.tell(new Prepare("long", oneHour, "default", "test.conf", 0, List.of(host), List.of(1), coordinator.ref()));
    coordinator.expectMessage(Duration.ofSeconds(30), new Prepared("long", 0));
    host.tell(new ClusterProtocol.Start("long", System.currentTimeMillis()));
    host.tell(new Abort("long", "given up by the test"));
    // Within seconds of wall time, not the hour the run would take.
    Failed failed = coordinator.expectMessageClass(Failed.class, Duration.ofSeconds(30));
    assertThat(failed.reason()).isEqualTo("given up by the test");
  }

  @Test
  void aRunThatNamesAnUnknownRoleIsRefusedNamingIt() {
    ActorRef<ToMember> host = kit.spawn(MemberHost.create(partitions, realTime));
    TestProbe<ToCoordinator> coordinator = kit.createTestProbe();
    host.tell(new Prepare("run", "duration = 5s\ngroups { x { role = com.example.Missing } }\n", "default", "test.conf", 0,
        List.of(host), List.of(1), coordinator.ref()));
    Refused refused = coordinator.expectMessageClass(Refused.class, Duration.ofSeconds(30));
    assertThat(refused.reason()).contains("groups.x.role", "com.example.Missing", "TOPOLAB_CLASSPATH");
  }
}
