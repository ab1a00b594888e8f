package com.example.ping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.junit.jupiter.api.Test;
import org.topolab.distribution.Distribution;
import org.topolab.testkit.Arrival;
import org.topolab.testkit.NodeProbe;
import org.topolab.testkit.NodeTestKit;

/**
 * The ping node under Pekko's synchronous BehaviorTestKit, with a NodeContext from a NodeTestKit:
 * the test runs each message itself, and the kit's network and clock do the rest.
 */
class PingBehaviorTest {

  @Test
  void aTimerOfTheNodeLandsInItsInboxAndItsPingInTheNetwork() {
    try (NodeTestKit kit = NodeTestKit.builder().group("pinger", 1).group("target", 1).latency(Duration.ofMillis(5)).build()) {
      NodeProbe target = kit.probe(1);
      PingNode.Spec spec = new PingNode.Spec(kit.group("target"), new Distribution.Constant(1e9), 64, 2_000_000_000L);
      BehaviorTestKit<PingNode.Command> node =
          BehaviorTestKit.create(PingNode.create(kit.context(0), spec, new PingMetrics(kit.window())));

      // Its first tick is a timer on the kit's clock; when it fires, it waits in the node's inbox.
      assertThat(kit.advanceToNextEvent()).isTrue();
      long tickedAt = kit.now();
      assertThat(node.selfInbox().hasMessages()).isTrue();
      node.runOne(); // the tick: the node sends its first ping

      Arrival<PingNode.Probe> ping = target.expectArrival(PingNode.Probe.class);
      assertThat(ping.message()).isEqualTo(new PingNode.Probe(0, 0, 64));
      assertThat(ping.nanos()).isEqualTo(tickedAt + 5_000_000);
    }
  }
}
