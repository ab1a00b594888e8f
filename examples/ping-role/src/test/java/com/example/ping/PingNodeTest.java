package org.topolab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.topolab.distribution.Distribution;
import org.topolab.network.LinkSpec;
import org.topolab.network.Network;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;
import org.topolab.node.RunContext;
import org.topolab.node.RunWindow;
import org.topolab.node.Seeds;
import org.topolab.node.Topology;
import org.topolab.time.RealTime;

/**
 * An actor-level test of the example ping node: one node under test (id 0, group {@code pinger})
 * and a test probe standing in for the node it pings (id 1, group {@code other}), joined by an
 * unlimited network in real time.
 */
// One instance for all tests: the extension shuts down the last test kit it saw, so a kit per test
// method would leave the earlier ones running.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(TestKitJUnit5Extension.class)
class PingNodeTest {

  private static final long HOUR = 3_600_000_000_000L;

  @JUnit5TestKit ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  private RealTime time;
  private TestProbe<PingNode.Command> other;
  private PingMetrics metrics;
  private NodeContext context;

  @BeforeEach
  void wireUpTwoNodes() {
    GroupInfo pinger = new GroupInfo("pinger", "ping", 0, 1, LinkSpec.UNLIMITED);
    GroupInfo target = new GroupInfo("other", "ping", 1, 1, LinkSpec.UNLIMITED);
    Topology topology = new Topology(List.of(pinger, target));
    RunWindow window = new RunWindow(0, HOUR, HOUR);
    time = new RealTime(1.0);
    Network network =
        new Network(time, 2, id -> LinkSpec.UNLIMITED, id -> Seeds.forNode(7, id, Seeds.NETWORK), new Distribution.Constant(0), 0);
    other = testKit.createTestProbe();
    network.register(1, other.getRef());
    metrics = new PingMetrics(window);
    context = new NodeContext(0, new RunContext(time, network, topology, window, 7));
  }

  @AfterEach
  void stopTheClock() {
    time.close();
  }

  @Test
  void answersAProbeWithAnEchoOfTheSameIdAndSize() {
    // A ping every hour: the node will not ping on its own during the test.
    ActorRef<PingNode.Command> node = spawn(new Distribution.Constant(HOUR));
    time.start();

    node.tell(new PingNode.Probe(1, 42, 300));

    assertThat(other.expectMessageClass(PingNode.Echo.class)).isEqualTo(new PingNode.Echo(42, 300));
  }

  @Test
  void pingsAMemberOfItsTargetGroupAndMeasuresTheRoundTrip() {
    ActorRef<PingNode.Command> node = spawn(new Distribution.Constant(1_000_000));
    time.start();

    PingNode.Probe probe = other.expectMessageClass(PingNode.Probe.class);
    node.tell(new PingNode.Echo(probe.id(), probe.bytes()));

    assertThat(probe.from()).isZero();
    assertThat(probe.bytes()).isEqualTo(100);
    other.awaitAssert(() -> assertThat(metrics.roundTrips().count()).isEqualTo(1));
  }

  private ActorRef<PingNode.Command> spawn(Distribution interval) {
    GroupInfo target = context.topology().group("other");
    return testKit.spawn(PingNode.create(context, new PingNode.Spec(target, interval, 100, HOUR), metrics));
  }
}
