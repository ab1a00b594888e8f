package org.topolab.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.Arrival;
import org.topolab.testkit.NodeProbe;
import org.topolab.testkit.NodeTestKit;

/** The network's arithmetic, in virtual time: probes stand in for every node and note when each message arrives. */
class NetworkQueueingTest {

  private static final double UNLIMITED = Double.POSITIVE_INFINITY;
  private static final long MS = 1_000_000L;

  private NodeTestKit kit;
  private final List<NodeProbe> nodes = new ArrayList<>();

  @AfterEach
  void close() {
    kit.close();
  }

  private static LinkSpec link(double up, double down) {
    return new LinkSpec(up, down, 0);
  }

  /** Nodes 0, 1, ... with {@code links} (node i has links[i]), a network latency and no loss. */
  private void network(long latencyNanos, LinkSpec... links) {
    network(NodeTestKit.builder().latency(Duration.ofNanos(latencyNanos)), links);
  }

  /** Nodes 0, 1, ... with {@code links}, on the network {@code builder} describes. */
  private void network(NodeTestKit.Builder builder, LinkSpec... links) {
    for (int i = 0; i < links.length; i++) {
      builder.group("node-" + i, "node", 1, links[i]);
    }
    kit = builder.build();
    for (int i = 0; i < links.length; i++) {
      nodes.add(kit.probe(i));
    }
  }

  /** Sends a packet of {@code bytes} from {@code from} to {@code to} at {@code nanos} of simulated time. */
  private void sendAt(long nanos, int from, int to, String name, long bytes) {
    kit.advanceNanos(nanos - kit.now());
    kit.send(from, to, new Packet(name, bytes));
  }

  /** Runs every event, until nothing is left to happen. */
  private void runToEnd() {
    while (kit.advanceToNextEvent()) {
      // each call runs one instant
    }
  }

  /** Everything node {@code id} has received once nothing is left to happen, in order of arrival. */
  private List<Arrival<NetMessage>> arrivals(int id) {
    runToEnd();
    return nodes.get(id).receivedSoFar();
  }

  /** When each message reached node {@code id}, once nothing is left to happen. */
  private List<Long> times(int id) {
    return arrivals(id).stream().map(Arrival::nanos).toList();
  }

  private static String name(Arrival<NetMessage> arrival) {
    return ((Packet) arrival.message()).name();
  }

  @Test
  void messageQueuesOnUplinkThenDownlinkPlusLatency() {
    // Node 0: 8 Mbps up (1 ms per 1000 bytes). Node 1: 4 Mbps down (2 ms per 1000 bytes). 10 ms latency.
    network(10 * MS, new LinkSpec(8e6, Double.POSITIVE_INFINITY, 0), new LinkSpec(Double.POSITIVE_INFINITY, 4e6, 0));
    sendAt(0, 0, 1, "a", 1000);
    sendAt(0, 0, 1, "b", 1000);
    // a: leaves at 1 ms, arrives 11 ms, downlink done 13 ms. b: leaves 2 ms, arrives 12 ms, waits for a: 15 ms.
    assertThat(arrivals(1)).extracting(NetworkQueueingTest::name, Arrival::nanos)
        .containsExactly(tuple("a", 13 * MS), tuple("b", 15 * MS));
    assertThat(kit.traffic(0).bytesSent()).isEqualTo(2000);
    assertThat(kit.traffic(1).messagesReceived()).isEqualTo(2);
  }

  @Test
  void serialisationTakesSizeTimesEightOverTheRate() {
    // 1250 bytes = 10,000 bits; at 1 Mbps that is 10 ms. 3 bytes = 24 bits at 9 bps: 2.666... s, to the ns.
    network(0, link(1e6, UNLIMITED), link(9, UNLIMITED), link(UNLIMITED, UNLIMITED));
    sendAt(0, 0, 2, "a", 1250);
    sendAt(0, 1, 2, "b", 3);
    assertThat(times(2)).containsExactly(10 * MS, 2_666_666_667L);
  }

  @Test
  void downlinkSerialisesToo() {
    // Unlimited uplink; 2 Mbps downlink: 1000 bytes = 8000 bits take 4 ms to come in.
    network(0, link(UNLIMITED, UNLIMITED), link(UNLIMITED, 2e6));
    sendAt(3 * MS, 0, 1, "a", 1000);
    assertThat(times(1)).containsExactly(7 * MS);
  }

  @Test
  void uplinkIsFirstInFirstOutAndIdlesWhenEmpty() {
    // 8 Mbps up: 1 ms per 1000 bytes. a (4000 B) at 0 leaves at 4 ms; b (2000 B) sent at 1 ms
    // waits for a, starts at 4 ms, leaves at 6 ms; c (2000 B) sent at 10 ms finds the link idle
    // and leaves at 12 ms, not at 8 ms.
    network(0, link(8e6, UNLIMITED), link(UNLIMITED, UNLIMITED));
    sendAt(0, 0, 1, "a", 4000);
    sendAt(1 * MS, 0, 1, "b", 2000);
    sendAt(10 * MS, 0, 1, "c", 2000);
    assertThat(arrivals(1)).extracting(NetworkQueueingTest::name, Arrival::nanos)
        .containsExactly(tuple("a", 4 * MS), tuple("b", 6 * MS), tuple("c", 12 * MS));
  }

  @Test
  void packetSizedMessagesInterleaveWithLargerOnesOnTheUplink() {
    // 8 Mbps up: 1 ms per 1000 bytes. Bulk a (10,000 B) at 0 would leave at 10 ms. Packet p
    // (1000 B, at most 1500) sent at 1 ms does not wait for a: it leaves at 2 ms. Bulk b (10,000 B)
    // sent at 2 ms queues behind a, which yielded the 1 ms p took: b starts at 11 ms, leaves at 21.
    network(0, link(8e6, UNLIMITED), link(UNLIMITED, UNLIMITED));
    sendAt(0, 0, 1, "a", 10_000);
    sendAt(1 * MS, 0, 1, "p", 1000);
    sendAt(2 * MS, 0, 1, "b", 10_000);
    assertThat(arrivals(1)).extracting(NetworkQueueingTest::name, Arrival::nanos)
        .containsExactly(tuple("p", 2 * MS), tuple("a", 10 * MS), tuple("b", 21 * MS));
  }

  @Test
  void packetSizedMessagesInterleaveWithLargerOnesOnTheDownlink() {
    // Node 2's downlink is 8 Mbps. Bulk a (10,000 B) from node 0 arrives at 0 and is received at
    // 10 ms; packet p (1500 B) from node 1 arrives at 1 ms and is received 1.5 ms later, at 2.5 ms.
    network(0, link(UNLIMITED, UNLIMITED), link(UNLIMITED, UNLIMITED), link(UNLIMITED, 8e6));
    sendAt(0, 0, 2, "a", 10_000);
    sendAt(1 * MS, 1, 2, "p", 1500);
    assertThat(arrivals(2)).extracting(NetworkQueueingTest::name, Arrival::nanos)
        .containsExactly(tuple("p", 2 * MS + MS / 2), tuple("a", 10 * MS));
  }

  @Test
  void uplinkIsSharedByAllDestinations() {
    // Node 0 sends 1000 B to node 1, then 1000 B to node 2, at 8 Mbps: the second waits for the first.
    network(0, link(8e6, UNLIMITED), link(UNLIMITED, UNLIMITED), link(UNLIMITED, UNLIMITED));
    sendAt(0, 0, 1, "a", 1000);
    sendAt(0, 0, 2, "b", 1000);
    assertThat(times(1)).containsExactly(1 * MS);
    assertThat(times(2)).containsExactly(2 * MS);
  }

  @Test
  void twoSendersContendForOneDownlink() {
    // Senders 0 and 1 have unlimited uplinks; receiver 2 has 8 Mbps down (1 ms per 1000 bytes).
    // Both messages arrive at 5 ms (latency); the first to arrive takes the downlink to 6 ms, the
    // second waits and is in at 7 ms.
    network(5 * MS, link(UNLIMITED, UNLIMITED), link(UNLIMITED, UNLIMITED), link(UNLIMITED, 8e6));
    sendAt(0, 0, 2, "from-0", 1000);
    sendAt(0, 1, 2, "from-1", 1000);
    assertThat(arrivals(2)).extracting(NetworkQueueingTest::name, Arrival::from, Arrival::nanos)
        .containsExactly(tuple("from-0", 0, 6 * MS), tuple("from-1", 1, 7 * MS));
  }

  @Test
  void latencyIsAddedOncePerMessageAndDoesNotQueue() {
    // One-way latency = network 10 ms + sender's link 3 ms + receiver's link 4 ms = 17 ms, each way.
    // Links are unlimited, so two messages sent together both arrive at 17 ms: latency is a delay,
    // not a queue.
    network(10 * MS, new LinkSpec(UNLIMITED, UNLIMITED, 3 * MS), new LinkSpec(UNLIMITED, UNLIMITED, 4 * MS));
    sendAt(0, 0, 1, "a", 1000);
    sendAt(0, 0, 1, "b", 1000);
    sendAt(100 * MS, 1, 0, "back", 1000);
    assertThat(times(1)).containsExactly(17 * MS, 17 * MS);
    assertThat(times(0)).containsExactly(117 * MS);
  }

  @Test
  void latencyComesBetweenTheTwoLinks() {
    // 8 Mbps up and down (1 ms per 1000 bytes), 5 ms latency: 1 ms out + 5 ms + 1 ms in = 7 ms.
    network(5 * MS, link(8e6, 8e6), link(8e6, 8e6));
    sendAt(0, 0, 1, "a", 1000);
    assertThat(times(1)).containsExactly(7 * MS);
  }

  @Test
  void unlimitedLinksTakeNoTimeWhateverTheSize() {
    network(2 * MS, LinkSpec.UNLIMITED, LinkSpec.UNLIMITED);
    sendAt(0, 0, 1, "huge", 1L << 40);
    // Only the latency: 2 ms.
    assertThat(times(1)).containsExactly(2 * MS);
    assertThat(kit.traffic(1).bytesReceived()).isEqualTo(1L << 40);
  }

  @Test
  void zeroSizeMessagesTakeNoLinkTime() {
    // Even on 1 bps links, an empty message only has the latency: 2 ms.
    network(2 * MS, link(1, 1), link(1, 1));
    sendAt(0, 0, 1, "empty", 0);
    sendAt(0, 0, 1, "empty-too", 0);
    assertThat(times(1)).containsExactly(2 * MS, 2 * MS);
    NodeTraffic sender = kit.traffic(0);
    assertThat(sender.messagesSent()).isEqualTo(2);
    assertThat(sender.bytesSent()).isZero();
  }

  @Test
  void lossDropsAboutThatFractionOfMessages() {
    int messages = 10_000;
    network(NodeTestKit.builder().loss(0.3).seed(7), LinkSpec.UNLIMITED, LinkSpec.UNLIMITED);
    for (int i = 0; i < messages; i++) {
      sendAt(i * MS, 0, 1, "m" + i, 100);
    }
    long received = arrivals(1).size();
    NodeTraffic sender = kit.traffic(0);
    // Binomial(10000, 0.3): standard deviation sqrt(10000 * 0.3 * 0.7) = 46 messages, so 0.3 +- 0.02 is over 4 sigma.
    assertThat((double) sender.dropped() / messages).isCloseTo(0.3, within(0.02));
    assertThat(sender.dropped() + received).isEqualTo(messages);
    // The sender counts what it put on its uplink, lost or not; the receiver what reached it.
    assertThat(sender.messagesSent()).isEqualTo(messages);
    assertThat(sender.bytesSent()).isEqualTo(100L * messages);
    NodeTraffic receiver = kit.traffic(1);
    assertThat(receiver.messagesReceived()).isEqualTo(received);
    assertThat(receiver.bytesReceived()).isEqualTo(100 * received);
    assertThat(receiver.dropped()).isZero();
  }

  @Test
  void aLostMessageStillOccupiesTheUplink() {
    // 8 Mbps up: 1000 bytes take 1 ms. Messages 0..19 all sent at 0: message i leaves at (i+1) ms
    // whether or not those before it were lost, so each that arrives does so at (i+1) ms.
    int messages = 20;
    network(NodeTestKit.builder().loss(0.3).seed(3), link(8e6, UNLIMITED), LinkSpec.UNLIMITED);
    for (int i = 0; i < messages; i++) {
      sendAt(0, 0, 1, String.valueOf(i), 1000);
    }
    List<Arrival<NetMessage>> deliveries = arrivals(1);
    for (Arrival<NetMessage> delivery : deliveries) {
      int index = Integer.parseInt(name(delivery));
      assertThat(delivery.nanos()).as("message %d", index).isEqualTo((index + 1) * MS);
    }
    // Some message before the last delivered one was lost, so the check above covered a gap.
    int lastIndex = Integer.parseInt(name(deliveries.get(deliveries.size() - 1)));
    assertThat(deliveries.size()).isLessThan(lastIndex + 1);
  }

  @Test
  void countersAddUpPerNode() {
    network(0, LinkSpec.UNLIMITED, LinkSpec.UNLIMITED, LinkSpec.UNLIMITED);
    sendAt(0, 0, 1, "a", 100);
    sendAt(0, 0, 2, "b", 200);
    sendAt(0, 1, 2, "c", 400);
    runToEnd();
    // Node 0 sent a and b; node 1 sent c and received a; node 2 received b and c.
    assertThat(kit.traffic(0)).isEqualTo(new NodeTraffic(2, 300, 0, 0, 0));
    assertThat(kit.traffic(1)).isEqualTo(new NodeTraffic(1, 400, 1, 100, 0));
    assertThat(kit.traffic(2)).isEqualTo(new NodeTraffic(0, 0, 2, 600, 0));
  }
}
