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
 * Super-peers and leaves step by step: a group of 40, the first 8 of them super-peers (a share of
 * 0.2) on an overlay of degree 3, TTL 2; 6 items on one node each; the rest of the group played by
 * a probe. With no warm-up every node joins at time 0.
 */
class SuperPeersTest {

  private static final long SEED = 13;
  private static final int COUNT = 40;
  private static final int SUPER_PEERS = 8;
  private static final String SCENARIO =
      """
      seed = 13
      duration = 1s
      network.latency = 10ms
      groups.peers { role = super-peers, count = 40, super-peer-share = 0.2, degree = 3, ttl = 2, items = 6, replicas = 1,
        lookup-rate = 1/h }
      """;

  private final Catalogue catalogue = new Catalogue(SEED, COUNT, 6, 1);
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

  /** A leaf (not a super-peer) that holds an item. */
  private int leafWithItems() {
    return IntStream.range(SUPER_PEERS, COUNT).filter(n -> catalogue.heldCount(n) > 0).findFirst().orElseThrow();
  }

  @Test
  void aLeafRegistersItsItemsWithItsSuperPeerAndAsksItForWhatItLooksUp() {
    int leaf = leafWithItems();
    start(leaf, "groups.peers.lookup-rate=100/s", "warmup=0.5s", "groups.peers.join-within=0.5s");
    Arrival<FloodWire.Register> register = others.expectArrival(FloodWire.Register.class);
    assertThat(register.to()).isEqualTo(leaf % SUPER_PEERS);
    assertThat(register.message().items())
        .containsExactly(IntStream.range(0, catalogue.heldCount(leaf)).map(i -> catalogue.heldItem(leaf, i)).toArray());
    Arrival<FloodWire.LeafQuery> query = others.expectArrival(FloodWire.LeafQuery.class);
    assertThat(query.to()).isEqualTo(leaf % SUPER_PEERS);
    assertThat(query.nanos()).isGreaterThanOrEqualTo(500_000_000L);
    // The super-peer names a holder: the lookup succeeds, in the hops the hit says.
    kit.send(query.to(), leaf, new FloodWire.Hit(leaf, query.message().id(), 33, 3, query.message().started()));
    kit.advance(Duration.ofSeconds(2));
    assertThat(kit.report("peers").get("lookups").get("hops").get("max").asInt()).isEqualTo(3);
  }

  @Test
  void aSuperPeerAnswersFromItsIndexOrElseFloodsTheOtherSuperPeersAndRelaysTheHitToTheLeaf() {
    int superPeer = 2;
    start(superPeer);
    int leaf = SUPER_PEERS + superPeer; // a leaf of super-peer 2
    int item = IntStream.range(0, 6).filter(i -> !catalogue.holds(superPeer, i)).findFirst().orElseThrow();
    int other = IntStream.range(0, 6).filter(i -> i != item && !catalogue.holds(superPeer, i)).findFirst().orElseThrow();
    kit.send(26, superPeer, new FloodWire.Register(26, new int[] {item}));
    kit.advance(Duration.ofMillis(20));
    kit.send(leaf, superPeer, new FloodWire.LeafQuery(leaf, 4, item, 0));
    assertThat(others.expectArrival(FloodWire.Hit.class).message()).isEqualTo(new FloodWire.Hit(leaf, 4, 26, 1, 0));
    // An item no leaf registered here: a flood to the super-peer's neighbours, which are super-peers.
    kit.send(leaf, superPeer, new FloodWire.LeafQuery(leaf, 5, other, 0));
    int[] around = Overlay.random(SEED, SUPER_PEERS, 3).neighbours(superPeer);
    List<Arrival<NetMessage>> flood = others.receiveArrivals(around.length);
    assertThat(flood.stream().map(Arrival::to).toList()).containsExactlyInAnyOrderElementsOf(Arrays.stream(around).boxed().toList());
    FloodWire.Query query = (FloodWire.Query) flood.get(0).message();
    assertThat(query.origin()).isEqualTo(superPeer);
    assertThat(query.ttl()).isEqualTo(1);
    // The hit comes back, 2 hops away among the super-peers: relayed to the leaf, 3 hops from it.
    kit.send(around[0], superPeer, new FloodWire.Hit(superPeer, query.id(), 35, 2, 0));
    Arrival<FloodWire.Hit> relayed = others.expectArrival(FloodWire.Hit.class);
    assertThat(relayed.to()).isEqualTo(leaf);
    assertThat(relayed.message()).isEqualTo(new FloodWire.Hit(leaf, 5, 35, 3, 0));
  }
}
