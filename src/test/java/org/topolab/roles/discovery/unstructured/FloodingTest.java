package org.topolab.roles.discovery.unstructured;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.topolab.network.NetMessage;
import org.topolab.roles.discovery.Catalogue;
import org.topolab.testkit.Arrival;
import org.topolab.testkit.NodeProbe;
import org.topolab.testkit.NodeTestKit;

/**
 * A flooding peer's steps in virtual time, the other 29 nodes of its group played by a probe: an
 * overlay of degree 4, TTL 3, 5 items on one peer each, and lookups so rare (one an hour) that the
 * peer starts none of its own in the test. The network takes 10 ms each way.
 */
class FloodingTest {

  private static final long SEED = 9;
  private static final int COUNT = 30;
  private static final String SCENARIO =
      """
      seed = 9
      duration = 1s
      network.latency = 10ms
      groups.peers { role = flooding, count = 30, degree = 4, ttl = 3, items = 5, replicas = 1, lookup-rate = 1/h }
      """;

  private final Overlay overlay = Overlay.random(SEED, COUNT, 4);
  private final Catalogue catalogue = new Catalogue(SEED, COUNT, 5, 1);
  private NodeTestKit kit;
  private NodeProbe others;

  @AfterEach
  void close() {
    kit.close();
  }

  private void start(int node, String... overrides) {
    kit = NodeTestKit.forScenario(SCENARIO, overrides);
    others = kit.probe(IntStream.range(0, COUNT).filter(id -> id != node).toArray());
    kit.spawn(node);
  }

  /** An item that {@code node} does not hold. */
  private int notHeldBy(int node) {
    return IntStream.range(0, 5).filter(item -> !catalogue.holds(node, item)).findFirst().orElseThrow();
  }

  /** The node that holds some item, and that item. */
  private int[] aHolderAndItsItem() {
    return new int[] {catalogue.holder(0, 0), 0};
  }

  @Test
  void aQueryGoesOnToEveryOtherNeighbourOnceWithOneHopMoreAndOneTtlLessAndADuplicateIsDropped() {
    int node = 7;
    start(node);
    int[] around = overlay.neighbours(node);
    int from = around[0];
    int item = notHeldBy(node);
    kit.send(from, node, new FloodWire.Query(from, 20, 3, item, 2, 1, 0));
    List<Arrival<NetMessage>> passed = others.receiveArrivals(around.length - 1);
    assertThat(passed.stream().map(Arrival::to).toList()).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(around).skip(1).boxed().toList());
    for (Arrival<NetMessage> arrival : passed) {
      assertThat(arrival.message()).isEqualTo(new FloodWire.Query(node, 20, 3, item, 1, 2, 0));
    }
    // The same query by another path: dropped. Another query of the same origin: passed on.
    kit.send(around[1], node, new FloodWire.Query(around[1], 20, 3, item, 2, 1, 0));
    others.expectNoMessage(Duration.ofMillis(100));
    kit.send(from, node, new FloodWire.Query(from, 20, 4, item, 2, 1, 0));
    assertThat(others.receiveArrivals(around.length - 1)).hasSize(around.length - 1);
  }

  @Test
  void aQueryWhoseTtlIsSpentGoesNoFurther() {
    int node = 7;
    start(node);
    int from = overlay.neighbours(node)[0];
    kit.send(from, node, new FloodWire.Query(from, 20, 3, notHeldBy(node), 0, 3, 0));
    others.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void aHolderAnswersTheNodeTheQueryCameFromAndStillPassesItOn() {
    int[] holder = aHolderAndItsItem();
    int node = holder[0];
    start(node);
    int[] around = overlay.neighbours(node);
    int from = around[0];
    kit.send(from, node, new FloodWire.Query(from, 20, 3, holder[1], 1, 2, 0));
    List<Arrival<NetMessage>> out = others.receiveArrivals(around.length);
    Arrival<NetMessage> hit = out.stream().filter(a -> a.message() instanceof FloodWire.Hit).findFirst().orElseThrow();
    assertThat(hit.to()).isEqualTo(from);
    assertThat(hit.message()).isEqualTo(new FloodWire.Hit(20, 3, node, 2, 0));
    assertThat(out.stream().filter(a -> a.message() instanceof FloodWire.Query).count()).isEqualTo(around.length - 1);
  }

  @Test
  void aHitGoesBackAlongTheReversePathToTheNodeTheQueryCameFrom() {
    int node = 7;
    start(node);
    int[] around = overlay.neighbours(node);
    int from = around[2];
    kit.send(from, node, new FloodWire.Query(from, 20, 3, notHeldBy(node), 2, 1, 0));
    others.receiveArrivals(around.length - 1);
    kit.send(around[0], node, new FloodWire.Hit(20, 3, 25, 3, 0));
    Arrival<FloodWire.Hit> back = others.expectArrival(FloodWire.Hit.class);
    assertThat(back.to()).isEqualTo(from);
    assertThat(back.message()).isEqualTo(new FloodWire.Hit(20, 3, 25, 3, 0));
    // A hit for a query this node never saw goes nowhere.
    kit.send(around[0], node, new FloodWire.Hit(20, 99, 25, 3, 0));
    others.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void aLookupFloodsEveryNeighbourAndSucceedsWithTheFirstHitInItsHops() {
    int node = 7;
    // A lookup a millisecond, from 0.5 s: the first is this node's.
    start(node, "groups.peers.lookup-rate=1000/s", "warmup=0.5s", "groups.peers.join-within=0.5s");
    int[] around = overlay.neighbours(node);
    List<Arrival<FloodWire.Query>> sent = others.receiveArrivals(FloodWire.Query.class, around.length);
    assertThat(sent.stream().map(Arrival::to).toList()).containsExactlyInAnyOrderElementsOf(Arrays.stream(around).boxed().toList());
    FloodWire.Query query = sent.get(0).message();
    assertThat(query.origin()).isEqualTo(node);
    assertThat(query.ttl()).isEqualTo(2);
    assertThat(query.hops()).isEqualTo(1);
    assertThat(catalogue.holds(node, query.item())).isFalse();
  }

  @Test
  void aWalkerGoesOnToOneNeighbourNotStraightBackAndAHolderAnswersTheOriginDirectly() {
    int node = 7;
    start(node, "groups.peers.search=random-walk", "groups.peers.walkers=2", "groups.peers.ttl=10");
    int[] around = overlay.neighbours(node);
    int from = around[1];
    for (int i = 0; i < 20; i++) {
      kit.send(from, node, new FloodWire.Walk(from, 20, -1 - i, notHeldBy(node), 5, 4, 0));
      Arrival<FloodWire.Walk> next = others.expectArrival(FloodWire.Walk.class);
      assertThat(next.to()).isIn(Arrays.stream(around).boxed().toList()).isNotEqualTo(from);
      assertThat(next.message()).isEqualTo(new FloodWire.Walk(node, 20, -1 - i, notHeldBy(node), 4, 5, 0));
    }
    kit.send(from, node, new FloodWire.Walk(from, 20, -50, notHeldBy(node), 0, 10, 0));
    others.expectNoMessage(Duration.ofMillis(100));
    kit.close();
    int[] holder = aHolderAndItsItem();
    start(holder[0], "groups.peers.search=random-walk");
    int neighbour = overlay.neighbours(holder[0])[0];
    kit.send(neighbour, holder[0], new FloodWire.Walk(neighbour, 20, -7, holder[1], 5, 4, 0));
    Arrival<FloodWire.Hit> hit = others.expectArrival(FloodWire.Hit.class);
    assertThat(hit.to()).isEqualTo(20);
    assertThat(hit.message()).isEqualTo(new FloodWire.Hit(20, -7, holder[0], 4, 0));
    others.expectNoMessage(Duration.ofMillis(100));
  }
}
