package org.topolab.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.topolab.distribution.Distribution;
import org.topolab.testing.VirtualNetwork;
import org.topolab.testing.VirtualNetwork.Delivery;
import org.topolab.testing.VirtualNetwork.Packet;

class NetworkQueueingTest {

  private static final double UNLIMITED = Double.POSITIVE_INFINITY;
  private static final long MS = 1_000_000L;
  private static final Distribution NO_LATENCY = new Distribution.Constant(0);

  private static LinkSpec link(double up, double down) {
    return new LinkSpec(up, down, 0);
  }

  private static List<Long> times(VirtualNetwork net, int node) {
    return net.deliveries(node).stream().map(Delivery::nanos).toList();
  }

  private static List<String> names(VirtualNetwork net, int node) {
    return net.deliveries(node).stream().map(d -> ((Packet) d.message()).name()).toList();
  }

  @Test
  void messageQueuesOnUplinkThenDownlinkPlusLatency() throws Exception {
    // Node 0: 8 Mbps up (1 ms per 1000 bytes). Node 1: 4 Mbps down (2 ms per 1000 bytes). 10 ms latency.
    List<LinkSpec> links = List.of(new LinkSpec(8e6, Double.POSITIVE_INFINITY, 0), new LinkSpec(Double.POSITIVE_INFINITY, 4e6, 0));
    try (VirtualNetwork net = new VirtualNetwork(links, new Distribution.Constant(10_000_000), 0, 1)) {
      net.sendAt(0, 0, 1, new Packet("a", 1000));
      net.sendAt(0, 0, 1, new Packet("b", 1000));
      net.run();
      // a: leaves at 1 ms, arrives 11 ms, downlink done 13 ms. b: leaves 2 ms, arrives 12 ms, waits for a: 15 ms.
      assertThat(net.deliveries(1)).extracting(VirtualNetwork.Delivery::nanos).containsExactly(13_000_000L, 15_000_000L);
      assertThat(net.network().traffic(0).bytesSent()).isEqualTo(2000);
      assertThat(net.network().traffic(1).messagesReceived()).isEqualTo(2);
    }
  }

  @Test
  void serialisationTakesSizeTimesEightOverTheRate() throws Exception {
    // 1250 bytes = 10,000 bits; at 1 Mbps that is 10 ms. 3 bytes = 24 bits at 9 bps: 2.666... s, to the ns.
    List<LinkSpec> links = List.of(link(1e6, UNLIMITED), link(9, UNLIMITED), link(UNLIMITED, UNLIMITED));
    try (VirtualNetwork net = new VirtualNetwork(links, NO_LATENCY, 0, 1)) {
      net.sendAt(0, 0, 2, new Packet("a", 1250));
      net.sendAt(0, 1, 2, new Packet("b", 3));
      net.run();
      assertThat(times(net, 2)).containsExactly(10 * MS, 2_666_666_667L);
    }
  }

  @Test
  void downlinkSerialisesToo() throws Exception {
    // Unlimited uplink; 2 Mbps downlink: 1000 bytes = 8000 bits take 4 ms to come in.
    List<LinkSpec> links = List.of(link(UNLIMITED, UNLIMITED), link(UNLIMITED, 2e6));
    try (VirtualNetwork net = new VirtualNetwork(links, NO_LATENCY, 0, 1)) {
      net.sendAt(3 * MS, 0, 1, new Packet("a", 1000));
      net.run();
      assertThat(times(net, 1)).containsExactly(7 * MS);
    }
  }

  @Test
  void uplinkIsFirstInFirstOutAndIdlesWhenEmpty() throws Exception {
    // 8 Mbps up: 1 ms per 1000 bytes. a (4000 B) at 0 leaves at 4 ms; b (2000 B) sent at 1 ms
    // waits for a, starts at 4 ms, leaves at 6 ms; c (2000 B) sent at 10 ms finds the link idle
    // and leaves at 12 ms, not at 8 ms.
    List<LinkSpec> links = List.of(link(8e6, UNLIMITED), link(UNLIMITED, UNLIMITED));
    try (VirtualNetwork net = new VirtualNetwork(links, NO_LATENCY, 0, 1)) {
      net.sendAt(0, 0, 1, new Packet("a", 4000));
      net.sendAt(1 * MS, 0, 1, new Packet("b", 2000));
      net.sendAt(10 * MS, 0, 1, new Packet("c", 2000));
      net.run();
      assertThat(names(net, 1)).containsExactly("a", "b", "c");
      assertThat(times(net, 1)).containsExactly(4 * MS, 6 * MS, 12 * MS);
    }
  }

  @Test
  void packetSizedMessagesInterleaveWithLargerOnesOnTheUplink() throws Exception {
    // 8 Mbps up: 1 ms per 1000 bytes. Bulk a (10,000 B) at 0 would leave at 10 ms. Packet p
    // (1000 B, at most 1500) sent at 1 ms does not wait for a: it leaves at 2 ms. Bulk b (10,000 B)
    // sent at 2 ms queues behind a, which yielded the 1 ms p took: b starts at 11 ms, leaves at 21.
    List<LinkSpec> links = List.of(link(8e6, UNLIMITED), link(UNLIMITED, UNLIMITED));
    try (VirtualNetwork net = new VirtualNetwork(links, NO_LATENCY, 0, 1)) {
      net.sendAt(0, 0, 1, new Packet("a", 10_000));
      net.sendAt(1 * MS, 0, 1, new Packet("p", 1000));
      net.sendAt(2 * MS, 0, 1, new Packet("b", 10_000));
      net.run();
      assertThat(names(net, 1)).containsExactly("p", "a", "b");
      assertThat(times(net, 1)).containsExactly(2 * MS, 10 * MS, 21 * MS);
    }
  }

  @Test
  void packetSizedMessagesInterleaveWithLargerOnesOnTheDownlink() throws Exception {
    // Node 2's downlink is 8 Mbps. Bulk a (10,000 B) from node 0 arrives at 0 and is received at
    // 10 ms; packet p (1500 B) from node 1 arrives at 1 ms and is received 1.5 ms later, at 2.5 ms.
    List<LinkSpec> links = List.of(link(UNLIMITED, UNLIMITED), link(UNLIMITED, UNLIMITED), link(UNLIMITED, 8e6));
    try (VirtualNetwork net = new VirtualNetwork(links, NO_LATENCY, 0, 1)) {
      net.sendAt(0, 0, 2, new Packet("a", 10_000));
      net.sendAt(1 * MS, 1, 2, new Packet("p", 1500));
      net.run();
      assertThat(names(net, 2)).containsExactly("p", "a");
      assertThat(times(net, 2)).containsExactly(2 * MS + MS / 2, 10 * MS);
    }
  }

  @Test
  void uplinkIsSharedByAllDestinations() throws Exception {
    // Node 0 sends 1000 B to node 1, then 1000 B to node 2, at 8 Mbps: the second waits for the first.
    List<LinkSpec> links = List.of(link(8e6, UNLIMITED), link(UNLIMITED, UNLIMITED), link(UNLIMITED, UNLIMITED));
    try (VirtualNetwork net = new VirtualNetwork(links, NO_LATENCY, 0, 1)) {
      net.sendAt(0, 0, 1, new Packet("a", 1000));
      net.sendAt(0, 0, 2, new Packet("b", 1000));
      net.run();
      assertThat(times(net, 1)).containsExactly(1 * MS);
      assertThat(times(net, 2)).containsExactly(2 * MS);
    }
  }

  @Test
  void twoSendersContendForOneDownlink() throws Exception {
    // Senders 0 and 1 have unlimited uplinks; receiver 2 has 8 Mbps down (1 ms per 1000 bytes).
    // Both messages arrive at 5 ms (latency); the first to arrive takes the downlink to 6 ms, the
    // second waits and is in at 7 ms.
    List<LinkSpec> links = List.of(link(UNLIMITED, UNLIMITED), link(UNLIMITED, UNLIMITED), link(UNLIMITED, 8e6));
    try (VirtualNetwork net = new VirtualNetwork(links, new Distribution.Constant(5 * MS), 0, 1)) {
      net.sendAt(0, 0, 2, new Packet("from-0", 1000));
      net.sendAt(0, 1, 2, new Packet("from-1", 1000));
      net.run();
      assertThat(names(net, 2)).containsExactly("from-0", "from-1");
      assertThat(times(net, 2)).containsExactly(6 * MS, 7 * MS);
    }
  }

  @Test
  void latencyIsAddedOncePerMessageAndDoesNotQueue() throws Exception {
    // One-way latency = network 10 ms + sender's link 3 ms + receiver's link 4 ms = 17 ms, each way.
    // Links are unlimited, so two messages sent together both arrive at 17 ms: latency is a delay,
    // not a queue.
    List<LinkSpec> links = List.of(new LinkSpec(UNLIMITED, UNLIMITED, 3 * MS), new LinkSpec(UNLIMITED, UNLIMITED, 4 * MS));
    try (VirtualNetwork net = new VirtualNetwork(links, new Distribution.Constant(10 * MS), 0, 1)) {
      net.sendAt(0, 0, 1, new Packet("a", 1000));
      net.sendAt(0, 0, 1, new Packet("b", 1000));
      net.sendAt(100 * MS, 1, 0, new Packet("back", 1000));
      net.run();
      assertThat(times(net, 1)).containsExactly(17 * MS, 17 * MS);
      assertThat(times(net, 0)).containsExactly(117 * MS);
    }
  }

  @Test
  void latencyComesBetweenTheTwoLinks() throws Exception {
    // 8 Mbps up and down (1 ms per 1000 bytes), 5 ms latency: 1 ms out + 5 ms + 1 ms in = 7 ms.
    List<LinkSpec> links = List.of(link(8e6, 8e6), link(8e6, 8e6));
    try (VirtualNetwork net = new VirtualNetwork(links, new Distribution.Constant(5 * MS), 0, 1)) {
      net.sendAt(0, 0, 1, new Packet("a", 1000));
      net.run();
      assertThat(times(net, 1)).containsExactly(7 * MS);
    }
  }

  @Test
  void unlimitedLinksTakeNoTimeWhateverTheSize() throws Exception {
    List<LinkSpec> links = List.of(LinkSpec.UNLIMITED, LinkSpec.UNLIMITED);
    try (VirtualNetwork net = new VirtualNetwork(links, new Distribution.Constant(2 * MS), 0, 1)) {
      net.sendAt(0, 0, 1, new Packet("huge", 1L << 40));
      net.run();
      // Only the latency: 2 ms.
      assertThat(times(net, 1)).containsExactly(2 * MS);
      assertThat(net.network().traffic(1).bytesReceived()).isEqualTo(1L << 40);
    }
  }

  @Test
  void zeroSizeMessagesTakeNoLinkTime() throws Exception {
    // Even on 1 bps links, an empty message only has the latency: 2 ms.
    List<LinkSpec> links = List.of(link(1, 1), link(1, 1));
    try (VirtualNetwork net = new VirtualNetwork(links, new Distribution.Constant(2 * MS), 0, 1)) {
      net.sendAt(0, 0, 1, new Packet("empty", 0));
      net.sendAt(0, 0, 1, new Packet("empty-too", 0));
      net.run();
      assertThat(times(net, 1)).containsExactly(2 * MS, 2 * MS);
      NodeTraffic sender = net.network().traffic(0);
      assertThat(sender.messagesSent()).isEqualTo(2);
      assertThat(sender.bytesSent()).isZero();
    }
  }

  @Test
  void lossDropsAboutThatFractionOfMessages() throws Exception {
    int messages = 10_000;
    List<LinkSpec> links = List.of(LinkSpec.UNLIMITED, LinkSpec.UNLIMITED);
    try (VirtualNetwork net = new VirtualNetwork(links, NO_LATENCY, 0.3, 7)) {
      for (int i = 0; i < messages; i++) {
        net.sendAt(i * MS, 0, 1, new Packet("m" + i, 100));
      }
      net.run();
      NodeTraffic sender = net.network().traffic(0);
      long received = net.deliveries(1).size();
      // Binomial(10000, 0.3): standard deviation sqrt(10000 * 0.3 * 0.7) = 46 messages, so 0.3 +- 0.02 is over 4 sigma.
      assertThat((double) sender.dropped() / messages).isCloseTo(0.3, within(0.02));
      assertThat(sender.dropped() + received).isEqualTo(messages);
      // The sender counts what it put on its uplink, lost or not; the receiver what reached it.
      assertThat(sender.messagesSent()).isEqualTo(messages);
      assertThat(sender.bytesSent()).isEqualTo(100L * messages);
      NodeTraffic receiver = net.network().traffic(1);
      assertThat(receiver.messagesReceived()).isEqualTo(received);
      assertThat(receiver.bytesReceived()).isEqualTo(100 * received);
      assertThat(receiver.dropped()).isZero();
    }
  }

  @Test
  void aLostMessageStillOccupiesTheUplink() throws Exception {
    // 8 Mbps up: 1000 bytes take 1 ms. Messages 0..19 all sent at 0: message i leaves at (i+1) ms
    // whether or not those before it were lost, so each that arrives does so at (i+1) ms.
    int messages = 20;
    List<LinkSpec> links = List.of(link(8e6, UNLIMITED), LinkSpec.UNLIMITED);
    try (VirtualNetwork net = new VirtualNetwork(links, NO_LATENCY, 0.3, 3)) {
      for (int i = 0; i < messages; i++) {
        net.sendAt(0, 0, 1, new Packet(String.valueOf(i), 1000));
      }
      net.run();
      List<Delivery> deliveries = net.deliveries(1);
      for (Delivery delivery : deliveries) {
        int index = Integer.parseInt(((Packet) delivery.message()).name());
        assertThat(delivery.nanos()).as("message %d", index).isEqualTo((index + 1) * MS);
      }
      // Some message before the last delivered one was lost, so the check above covered a gap.
      int lastIndex = Integer.parseInt(((Packet) deliveries.get(deliveries.size() - 1).message()).name());
      assertThat(deliveries.size()).isLessThan(lastIndex + 1);
    }
  }

  @Test
  void countersAddUpPerNode() throws Exception {
    List<LinkSpec> links = List.of(LinkSpec.UNLIMITED, LinkSpec.UNLIMITED, LinkSpec.UNLIMITED);
    try (VirtualNetwork net = new VirtualNetwork(links, NO_LATENCY, 0, 1)) {
      net.sendAt(0, 0, 1, new Packet("a", 100));
      net.sendAt(0, 0, 2, new Packet("b", 200));
      net.sendAt(0, 1, 2, new Packet("c", 400));
      net.run();
      // Node 0 sent a and b; node 1 sent c and received a; node 2 received b and c.
      assertThat(net.network().traffic(0)).isEqualTo(new NodeTraffic(2, 300, 0, 0, 0));
      assertThat(net.network().traffic(1)).isEqualTo(new NodeTraffic(1, 400, 1, 100, 0));
      assertThat(net.network().traffic(2)).isEqualTo(new NodeTraffic(0, 0, 2, 600, 0));
    }
  }
}
