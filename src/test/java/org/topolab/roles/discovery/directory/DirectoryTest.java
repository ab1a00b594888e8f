package org.topolab.roles.discovery.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
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
 * A directory's steps in virtual time: a group of 10, the first 2 of them index servers, the other
 * 8 peers holding 6 items twice each; a probe plays every node but the one tested. The network
 * takes 10 ms each way; with no warm-up every node joins at time 0.
 */
class DirectoryTest {

  private static final String SCENARIO =
      """
      seed = 8
      duration = 1s
      network.latency = 10ms
      groups.peers { role = directory, count = 10, index-servers = 2, items = 6, replicas = 2, zipf = 0, lookup-rate = 20/s }
      """;

  private NodeTestKit kit;
  private NodeProbe others;

  @AfterEach
  void close() {
    kit.close();
  }

  private void start(int node) {
    kit = NodeTestKit.forScenario(SCENARIO);
    others = kit.probe(IntStream.range(0, 10).filter(id -> id != node).toArray());
    kit.spawn(node);
  }

  @Test
  void aPeerRegistersEachItemWithItsServerThenAsksTheItemsServerAndSucceedsInOneHop() {
    int node = 5;
    start(node);
    Catalogue catalogue = new Catalogue(8, 8, 6, 2);
    int peer = node - 2;
    List<Arrival<DirectoryWire.Register>> registers = new ArrayList<>();
    List<Arrival<DirectoryWire.Query>> queries = new ArrayList<>();
    // Answer every query, naming node 9 as the holder, until the workload is over.
    while (kit.now() < 1_100_000_000L) {
      kit.advance(Duration.ofMillis(5));
      for (Arrival<NetMessage> arrival : others.receivedSoFar()) {
        if (arrival.message() instanceof DirectoryWire.Register register) {
          registers.add(new Arrival<>(arrival.nanos(), arrival.from(), arrival.to(), register));
        } else {
          DirectoryWire.Query query = (DirectoryWire.Query) arrival.message();
          queries.add(new Arrival<>(arrival.nanos(), arrival.from(), arrival.to(), query));
          kit.send(arrival.to(), node, new DirectoryWire.Answer(query.lookup(), new int[] {9}));
        }
      }
    }
    // Each server is sent the items it keeps (item mod 2) among those the peer holds, and no other.
    List<Integer> held = IntStream.range(0, catalogue.heldCount(peer)).map(i -> catalogue.heldItem(peer, i)).boxed().toList();
    List<Integer> registered = new ArrayList<>();
    for (Arrival<DirectoryWire.Register> register : registers) {
      assertThat(register.message().from()).isEqualTo(node);
      for (int item : register.message().items()) {
        assertThat(item % 2).isEqualTo(register.to());
        registered.add(item);
      }
    }
    assertThat(registered).containsExactlyInAnyOrderElementsOf(held);
    // Each lookup asks the item's server, for an item the peer does not hold.
    for (Arrival<DirectoryWire.Query> query : queries) {
      assertThat(query.to()).isEqualTo(query.message().item() % 2);
      assertThat(held).doesNotContain(query.message().item());
    }
    assertThat(queries).hasSizeGreaterThan(5);
    kit.advance(Duration.ofSeconds(1));
    JsonNode lookups = kit.report("peers").get("lookups");
    assertThat(lookups.get("sent").asLong()).isEqualTo(queries.size());
    assertThat(lookups.get("succeeded").asLong()).isEqualTo(queries.size());
    assertThat(lookups.get("hops").get("max").asInt()).isEqualTo(1);
    assertThat(lookups.get("messages-per-lookup").asDouble()).isEqualTo(2.0);
    // Two 10 ms trips, and up to the 5 ms the probe takes to answer.
    assertThat(lookups.get("latency-ms").get("max").asDouble()).isBetween(20.0, 25.0);
  }

  @Test
  void anIndexServerAnswersWithThePeersThatRegisteredTheItemAndNoneForAnItemNoOneDid() {
    start(0);
    kit.send(3, 0, new DirectoryWire.Register(3, new int[] {0, 2}));
    kit.send(4, 0, new DirectoryWire.Register(4, new int[] {2}));
    kit.send(6, 0, new DirectoryWire.Query(6, 41, 2));
    assertThat(others.expectArrival(DirectoryWire.Answer.class).message()).isEqualTo(new DirectoryWire.Answer(41, new int[] {3, 4}));
    kit.send(7, 0, new DirectoryWire.Query(7, 42, 4));
    Arrival<DirectoryWire.Answer> none = others.expectArrival(DirectoryWire.Answer.class);
    assertThat(none.to()).isEqualTo(7);
    assertThat(none.message()).isEqualTo(new DirectoryWire.Answer(42, new int[0]));
    // The index server's load: every message it received.
    kit.advance(Duration.ofSeconds(2));
    assertThat(kit.report("peers").get("lookups").get("load").get("max").asInt()).isEqualTo(4);
  }
}
