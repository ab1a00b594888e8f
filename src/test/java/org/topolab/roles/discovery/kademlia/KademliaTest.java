package org.topolab.roles.discovery.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.topolab.network.NetMessage;
import org.topolab.node.GroupInfo;
import org.topolab.roles.discovery.Catalogue;
import org.topolab.testkit.Arrival;
import org.topolab.testkit.NodeProbe;
import org.topolab.testkit.NodeTestKit;

/**
 * One Kademlia node's steps in virtual time, the rest of its group of 40 played by a probe. The
 * network takes 10 ms each way; buckets hold k = 4 contacts, lookups keep 2 queries out, and an
 * RPC times out after 500 ms. Every node joins at time 0 (no warm-up, so no join phase).
 */
class KademliaTest {

  private static final long SEED = 5;
  private static final int COUNT = 40;
  private static final int K = 4;
  private static final long TIMEOUT_NANOS = 500_000_000L;

  /** The group; {@code bootstrap} is set per test. The workload is quiet: a lookup an hour, and none after 1 s. */
  private static final String SCENARIO =
      """
      seed = 5
      duration = 1s
      network.latency = 10ms
      groups.peers { role = kademlia, count = 40, k = 4, alpha = 2, timeout = 500ms, items = 2, replicas = 1, lookup-rate = 1/h }
      """;

  private final KeySpace space = new KeySpace(SEED, new GroupInfo("peers", "kademlia", 0, COUNT, null), 2, 160);
  private final int idBytes = space.idBytes();
  private NodeTestKit kit;
  private NodeProbe others;

  @AfterEach
  void close() {
    kit.close();
  }

  /** Spawns node {@code node} as its role does, with {@code bootstrap} as the bootstrap node; a probe plays the rest. */
  private void start(int node, int bootstrap) {
    kit = NodeTestKit.forScenario(SCENARIO, "groups.peers.bootstrap=" + bootstrap);
    others = kit.probe(IntStream.range(0, COUNT).filter(id -> id != node).toArray());
    kit.spawn(node);
  }

  /** The {@code count} nodes nearest to {@code target}, nearest first, leaving out {@code excluded}. */
  private List<Integer> nearest(long[] target, int count, int... excluded) {
    List<Integer> nodes = new ArrayList<>();
    for (int node = 0; node < COUNT; node++) {
      int candidate = node;
      if (IntStream.of(excluded).noneMatch(x -> x == candidate)) {
        nodes.add(node);
      }
    }
    nodes.sort(Comparator.comparing(space::node, (a, b) -> space.compare(a, b, target)));
    return nodes.subList(0, Math.min(count, nodes.size()));
  }

  private static int[] ints(List<Integer> nodes) {
    return nodes.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Plays the other nodes for {@code node} as if each knew the whole group, until {@code stop} holds
   * for the arrivals so far: FIND_NODE is answered with the k nodes nearest to the target (the asker
   * left out), PING and STORE with an acknowledgement, unless {@code drop} holds for the arrival.
   */
  private List<Arrival<NetMessage>> serve(int node, Predicate<Arrival<NetMessage>> drop, Predicate<List<Arrival<NetMessage>>> stop) {
    List<Arrival<NetMessage>> seen = new ArrayList<>();
    while (!stop.test(seen)) {
      Arrival<NetMessage> arrival = others.expectArrival();
      seen.add(arrival);
      if (drop.test(arrival)) {
        continue;
      }
      int at = arrival.to();
      NetMessage message = arrival.message();
      if (message instanceof KademliaWire.FindNode find) {
        kit.send(at, node, new KademliaWire.Nodes(at, find.rpc(), idBytes, ints(nearest(find.target(), K, node))));
      } else if (message instanceof KademliaWire.Store store) {
        kit.send(at, node, new KademliaWire.Ack(at, store.rpc(), idBytes));
      } else if (message instanceof KademliaWire.Ping ping) {
        kit.send(at, node, new KademliaWire.Ack(at, ping.rpc(), idBytes));
      } else {
        throw new AssertionError("unexpected " + message);
      }
    }
    return seen;
  }

  /** The node that holds item 0 in this scenario's catalogue, and a bootstrap node other than it. */
  private static int holder() {
    return new Catalogue(SEED, COUNT, 2, 1).holder(0, 0);
  }

  private static boolean isStoreOf(Arrival<NetMessage> arrival) {
    return arrival.message() instanceof KademliaWire.Store;
  }

  private static long stores(List<Arrival<NetMessage>> seen) {
    return seen.stream().filter(KademliaTest::isStoreOf).count();
  }

  private static Set<Integer> askedFor(List<Arrival<NetMessage>> seen, long[] target) {
    Set<Integer> asked = new HashSet<>();
    for (Arrival<NetMessage> arrival : seen) {
      if (arrival.message() instanceof KademliaWire.FindNode find && Arrays.equals(find.target(), target)) {
        asked.add(arrival.to());
      }
    }
    return asked;
  }

  @Test
  void theJoinLookupConvergesOnTheKNearestAndTheHolderStoresItsItemOnTheKNearestToTheKey() {
    int node = holder();
    int bootstrap = (node + 1) % COUNT;
    start(node, bootstrap);
    // The first message: the join's lookup of the node's own id, to the bootstrap node.
    Arrival<NetMessage> first = others.expectArrival();
    assertThat(first.to()).isEqualTo(bootstrap);
    assertThat(((KademliaWire.FindNode) first.message()).target()).isEqualTo(space.node(node));
    kit.send(bootstrap, node, new KademliaWire.Nodes(bootstrap, ((KademliaWire.FindNode) first.message()).rpc(), idBytes,
        ints(nearest(space.node(node), K, node))));
    List<Arrival<NetMessage>> seen = serve(node, arrival -> false, arrivals -> stores(arrivals) == K);
    assertThat(askedFor(seen, space.node(node))).containsAll(nearest(space.node(node), K, node));
    Set<Integer> storedAt = new HashSet<>();
    seen.stream().filter(KademliaTest::isStoreOf).forEach(arrival -> {
      storedAt.add(arrival.to());
      assertThat(((KademliaWire.Store) arrival.message()).item()).isZero();
    });
    assertThat(storedAt).containsExactlyInAnyOrderElementsOf(nearest(space.item(0), K, node));
  }

  @Test
  void aLostAnswerTimesOutAndTheLookupGoesOnWithoutThatNode() {
    int node = holder();
    int bootstrap = (node + 1) % COUNT;
    long[] key = space.item(0);
    int silent = nearest(key, 1, node, bootstrap).get(0);
    start(node, bootstrap);
    // The nearest node to the key (not the bootstrap node) never answers a lookup of the key.
    List<Arrival<NetMessage>> seen =
        serve(node, arrival -> arrival.to() == silent && arrival.message() instanceof KademliaWire.FindNode find
            && Arrays.equals(find.target(), key), arrivals -> stores(arrivals) == K);
    Arrival<NetMessage> asked = seen.stream()
        .filter(arrival -> arrival.to() == silent && askedFor(List.of(arrival), key).contains(silent)).findFirst().orElseThrow();
    List<Arrival<NetMessage>> stored = seen.stream().filter(KademliaTest::isStoreOf).toList();
    assertThat(stored).allSatisfy(arrival -> assertThat(arrival.nanos()).isGreaterThanOrEqualTo(asked.nanos() + TIMEOUT_NANOS));
    // The others of the k nearest, and the nearest node after them that the lookup heard of (the
    // answers name only the k nearest, the silent one among them, so which one that is varies).
    List<Integer> rest = new ArrayList<>(nearest(key, K, node));
    rest.remove(Integer.valueOf(silent));
    assertThat(stored).hasSize(K);
    assertThat(stored.stream().map(Arrival::to).toList()).containsAll(rest).doesNotContain(silent);
  }

  /** {@code count} nodes other than {@code node} whose ids share no leading bit with its id: its bucket 0. */
  private List<Integer> farHalf(int node, int count) {
    List<Integer> nodes = new ArrayList<>();
    for (int other = 0; other < COUNT && nodes.size() < count; other++) {
      if (other != node && space.commonPrefix(space.node(node), space.node(other)) == 0) {
        nodes.add(other);
      }
    }
    assertThat(nodes).hasSize(count);
    return nodes;
  }

  /** A node whose id shares its first bit with {@code node}'s: outside its bucket 0. */
  private int nearHalf(int node) {
    return IntStream.range(0, COUNT)
        .filter(other -> other != node && space.commonPrefix(space.node(node), space.node(other)) > 0).findFirst().orElseThrow();
  }

  /** Node {@code node}'s answer to a FIND_NODE for {@code target} from {@code asker}. */
  private Set<Integer> contactsNear(int node, int asker, long[] target) {
    kit.send(asker, node, new KademliaWire.FindNode(asker, 99, idBytes, target));
    KademliaWire.Nodes answer = others.expectMessage(KademliaWire.Nodes.class);
    assertThat(answer.rpc()).isEqualTo(99);
    Set<Integer> contacts = new HashSet<>();
    for (int contact : answer.contacts()) {
      contacts.add(contact);
    }
    return contacts;
  }

  @Test
  void aFullBucketsOldestContactThatDoesNotAnswerAPingIsEvictedForTheNewcomer() {
    int node = 0; // the bootstrap node: with no one to join through, it sends nothing of its own
    start(node, node);
    List<Integer> far = farHalf(node, K + 1);
    for (int i = 0; i < K; i++) {
      kit.send(far.get(i), node, new KademliaWire.Ping(far.get(i), i, idBytes));
      assertThat(others.expectMessage(KademliaWire.Ack.class).rpc()).isEqualTo(i);
      kit.advance(Duration.ofMillis(50));
    }
    int newcomer = far.get(K);
    kit.send(newcomer, node, new KademliaWire.Ping(newcomer, 7, idBytes));
    List<Arrival<NetMessage>> replies = others.receiveArrivals(2);
    Arrival<NetMessage> ping = replies.stream().filter(a -> a.message() instanceof KademliaWire.Ping).findFirst().orElseThrow();
    assertThat(ping.to()).isEqualTo(far.get(0)); // the least recently seen
    others.expectNoMessage(Duration.ofMillis(600)); // no answer: the ping times out after 500 ms
    assertThat(contactsNear(node, nearHalf(node), space.node(far.get(0))))
        .containsAll(far.subList(1, K + 1)).doesNotContain(far.get(0));
  }

  @Test
  void aFullBucketsOldestContactThatAnswersStaysAndTheNewcomerIsDropped() {
    int node = 0;
    start(node, node);
    List<Integer> far = farHalf(node, K + 1);
    for (int i = 0; i < K; i++) {
      kit.send(far.get(i), node, new KademliaWire.Ping(far.get(i), i, idBytes));
      others.expectMessage(KademliaWire.Ack.class);
      kit.advance(Duration.ofMillis(50));
    }
    int newcomer = far.get(K);
    kit.send(newcomer, node, new KademliaWire.Ping(newcomer, 7, idBytes));
    KademliaWire.Ping ping = others.receiveArrivals(2).stream().map(Arrival::message)
        .filter(KademliaWire.Ping.class::isInstance).map(KademliaWire.Ping.class::cast).findFirst().orElseThrow();
    kit.send(far.get(0), node, new KademliaWire.Ack(far.get(0), ping.rpc(), idBytes));
    others.expectNoMessage(Duration.ofSeconds(1));
    assertThat(contactsNear(node, nearHalf(node), space.node(far.get(0))))
        .containsAll(far.subList(0, K)).doesNotContain(newcomer);
  }

  @Test
  void findValueIsAnsweredWithTheStoredHoldersOrElseWithTheNearestContacts() {
    int node = 0;
    start(node, node);
    int holder = 12;
    int asker = 30;
    kit.send(holder, node, new KademliaWire.Store(holder, 3, idBytes, 1));
    assertThat(others.expectMessage(KademliaWire.Ack.class).rpc()).isEqualTo(3);
    kit.send(asker, node, new KademliaWire.FindValue(asker, 4, idBytes, 1));
    assertThat(others.expectMessage(KademliaWire.Value.class)).isEqualTo(new KademliaWire.Value(node, 4, idBytes, new int[] {holder}));
    // Item 0 is stored with no one: the answer names the contacts nearest to its key, the asker left out.
    kit.send(asker, node, new KademliaWire.FindValue(asker, 5, idBytes, 0));
    assertThat(others.expectMessage(KademliaWire.Nodes.class)).isEqualTo(new KademliaWire.Nodes(node, 5, idBytes, new int[] {holder}));
    // A second store of the same holder is kept once; another holder is added.
    kit.send(holder, node, new KademliaWire.Store(holder, 6, idBytes, 1));
    kit.send(asker, node, new KademliaWire.Store(asker, 7, idBytes, 1));
    others.receiveArrivals(2);
    kit.send(7, node, new KademliaWire.FindValue(7, 8, idBytes, 1));
    assertThat(others.expectMessage(KademliaWire.Value.class).holders()).containsExactly(holder, asker);
  }
}
