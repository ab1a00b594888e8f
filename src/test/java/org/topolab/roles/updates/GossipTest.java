package org.topolab.roles.updates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.topolab.metrics.Json;
import org.topolab.network.LinkSpec;
import org.topolab.network.NetMessage;
import org.topolab.roles.updates.Digest.Kind;
import org.topolab.roles.updates.GossipSpec.Mode;
import org.topolab.roles.updates.GossipSpec.Timing;
import org.topolab.testkit.Arrival;
import org.topolab.testkit.NodeProbe;
import org.topolab.testkit.NodeTestKit;

/**
 * One gossip node's exchanges, step by step, in virtual time: a probe stands in for its peer (the
 * group has two nodes, so every contact goes to the probe) and another for the source of versions.
 * The network takes 10 ms each way; rounds fall on whole seconds.
 */
class GossipTest {

  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;
  private static final int SOURCE = 0;
  private static final int NODE = 1;
  private static final int PEER = 2;

  private NodeTestKit kit;
  private NodeProbe source;
  private NodeProbe peer;
  private UpdateMetrics metrics;

  @AfterEach
  void close() {
    kit.close();
  }

  private static GossipSpec spec(Mode mode, boolean digests, int stopAfter, long antiEntropy) {
    return new GossipSpec(mode, 1, S, Timing.ROUNDS, digests, stopAfter, antiEntropy, null);
  }

  /** The node under test with {@code spec}, in a group of {@code peers} nodes (the others are probes). */
  private void start(GossipSpec spec, int peers) {
    kit =
        NodeTestKit.builder()
            .group("source", 1)
            .group("peers", "gossip", peers, LinkSpec.UNLIMITED)
            .latency(Duration.ofMillis(10))
            .build();
    source = kit.probe(SOURCE);
    int[] others = new int[peers - 1];
    for (int i = 0; i < others.length; i++) {
      others[i] = NODE + 1 + i;
    }
    peer = kit.probe(others);
    metrics = new UpdateMetrics(kit.window(), peers);
    kit.spawn(NODE, node -> Gossip.create(node, spec, metrics));
  }

  private void start(GossipSpec spec) {
    start(spec, 2);
  }

  /** Version {@code version}, it and those before it released at {@code releasedAt}, sent by node {@code from}. */
  private static Update update(int from, int version, long releasedAt) {
    long[] releases = new long[version];
    Arrays.fill(releases, releasedAt);
    return new Update(from, version, releases, 1000);
  }

  /** The source hands the node version {@code version} now; it arrives 10 ms later. */
  private Update give(int version) {
    Update update = update(SOURCE, version, kit.now());
    kit.send(SOURCE, NODE, update);
    return update;
  }

  private void reply(Digest.Kind kind, int version) {
    kit.send(PEER, NODE, new Digest(PEER, version, kind));
  }

  private ObjectNode report() {
    ObjectNode out = Json.object();
    metrics.write(out);
    return (ObjectNode) out.get("updates");
  }

  @Test
  void pushWithoutDigestsSendsTheContentAtEveryRound() {
    start(spec(Mode.PUSH, false, 0, 0));
    Update released = give(1);
    Arrival<Update> first = peer.expectArrival(Update.class);
    assertThat(first.nanos()).isEqualTo(S + 10 * MS);
    assertThat(first.message()).isEqualTo(released.from(NODE));
    assertThat(peer.expectArrival(Update.class).nanos()).isEqualTo(2 * S + 10 * MS);
  }

  @Test
  void aNodeWithNothingPushesNothing() {
    start(spec(Mode.PUSH, false, 0, 0));
    peer.expectNoMessage(Duration.ofSeconds(3));
  }

  @Test
  void pushWithDigestsOffersTheVersionAndSendsTheContentOnlyToAPeerThatLacksIt() {
    start(spec(Mode.PUSH, true, 0, 0));
    Update released = give(1);
    Arrival<Digest> offer = peer.expectArrival(Digest.class);
    assertThat(offer.nanos()).isEqualTo(S + 10 * MS);
    assertThat(offer.message()).isEqualTo(new Digest(NODE, 1, Kind.PUSH));
    reply(Kind.ANSWER, 0);
    Arrival<Update> content = peer.expectArrival(Update.class);
    assertThat(content.nanos()).isEqualTo(S + 30 * MS);
    assertThat(content.message()).isEqualTo(released.from(NODE));

    assertThat(peer.expectMessage(Digest.class)).isEqualTo(new Digest(NODE, 1, Kind.PUSH));
    reply(Kind.ANSWER, 1);
    peer.expectNoMessage(Duration.ofMillis(900));
    // The node received the update, two answers; one of two nodes had the version, once.
    ObjectNode updates = report();
    assertThat(updates.get("messages-per-node").asDouble()).isEqualTo(1.5);
    assertThat(updates.get("deliveries").asLong()).isOne();
    assertThat(updates.get("reached").get("50").asInt()).isOne();
    assertThat(updates.get("reached").get("100").asInt()).isZero();
  }

  @Test
  void pushDoesNotAnswerAnOfferItHasUnlessItLacksIt() {
    start(spec(Mode.PUSH, true, 0, 0));
    give(2);
    kit.advance(Duration.ofMillis(20));
    reply(Kind.PUSH, 1);
    reply(Kind.PUSH, 2);
    peer.expectNoMessage(Duration.ofMillis(100));
    reply(Kind.PUSH, 3);
    assertThat(peer.expectArrival(Digest.class).message()).isEqualTo(new Digest(NODE, 2, Kind.ANSWER));
  }

  @Test
  void pullAsksAtEveryRoundAndServesNewerVersions() {
    start(spec(Mode.PULL, true, 0, 0));
    Arrival<Digest> ask = peer.expectArrival(Digest.class);
    assertThat(ask.nanos()).isEqualTo(S + 10 * MS);
    assertThat(ask.message()).isEqualTo(new Digest(NODE, 0, Kind.PULL));
    Update fromPeer = update(PEER, 1, 0);
    kit.send(PEER, NODE, fromPeer);
    assertThat(peer.expectMessage(Digest.class)).isEqualTo(new Digest(NODE, 1, Kind.PULL));

    reply(Kind.PULL, 0);
    Arrival<Update> served = peer.expectArrival(Update.class);
    assertThat(served.nanos()).isEqualTo(2 * S + 30 * MS);
    assertThat(served.message()).isEqualTo(fromPeer.from(NODE));
    reply(Kind.PULL, 1);
    peer.expectNoMessage(Duration.ofMillis(500));
  }

  @Test
  void pushPullOffersItsVersionAndWhicheverSideIsBehindGetsTheNewerOne() {
    start(spec(Mode.PUSH_PULL, true, 0, 0));
    // With nothing to spread, a contact is a pull request.
    assertThat(peer.expectMessage(Digest.class)).isEqualTo(new Digest(NODE, 0, Kind.PULL));
    Update released = give(1);
    assertThat(peer.expectMessage(Digest.class)).isEqualTo(new Digest(NODE, 1, Kind.PUSH_PULL));
    reply(Kind.ANSWER, 0);
    assertThat(peer.expectMessage(Update.class)).isEqualTo(released.from(NODE));

    reply(Kind.PUSH_PULL, 0);
    assertThat(peer.expectMessage(Update.class)).isEqualTo(released.from(NODE));
    reply(Kind.PUSH_PULL, 1);
    peer.expectNoMessage(Duration.ofMillis(100));
    reply(Kind.PUSH_PULL, 2);
    Arrival<Digest> behind = peer.expectArrival(Digest.class);
    assertThat(behind.message()).isEqualTo(new Digest(NODE, 1, Kind.ANSWER));
    assertThat(behind.nanos()).isEqualTo(2 * S + 170 * MS);
  }

  @Test
  void pushPullWithoutDigestsPushesTheContentAndSendsANewerVersionBack() {
    start(spec(Mode.PUSH_PULL, false, 0, 0));
    Update released = give(2);
    assertThat(peer.expectMessage(Update.class)).isEqualTo(released.from(NODE));
    kit.send(PEER, NODE, update(PEER, 1, 0));
    assertThat(peer.expectMessage(Update.class)).isEqualTo(released.from(NODE));
    kit.send(PEER, NODE, update(PEER, 2, 0));
    peer.expectNoMessage(Duration.ofMillis(100));
    ObjectNode updates = report();
    assertThat(updates.get("deliveries").asLong()).isEqualTo(3);
    assertThat(updates.get("redundant-deliveries").asDouble()).isEqualTo(0.5); // two redundant, two nodes, two versions
  }

  @Test
  void rumourMongeringStopsAfterAsManyUselessContactsAndRestartsWithANewVersion() {
    start(spec(Mode.PUSH, true, 2, 0));
    give(1);
    for (int contact = 1; contact <= 2; contact++) {
      assertThat(peer.expectMessage(Digest.class)).isEqualTo(new Digest(NODE, 1, Kind.PUSH));
      reply(Kind.ANSWER, 1);
    }
    peer.expectNoMessage(Duration.ofSeconds(3));
    give(2);
    assertThat(peer.expectMessage(Digest.class)).isEqualTo(new Digest(NODE, 2, Kind.PUSH));
  }

  @Test
  void underRumourMongeringContentAPeerHadAlreadyIsReportedBackToThePusherOnly() {
    start(spec(Mode.PUSH, false, 3, 0));
    give(1);
    assertThat(peer.expectMessage(Update.class).version()).isEqualTo(1);
    kit.send(PEER, NODE, update(PEER, 1, 0));
    assertThat(peer.expectMessage(Digest.class)).isEqualTo(new Digest(NODE, 1, Kind.ANSWER));
    give(1);
    source.expectNoMessage(Duration.ofMillis(500));
  }

  @Test
  void antiEntropyComparesVersionsWithOnePeerAndServesEvenAStoppedRumour() {
    start(spec(Mode.PUSH, true, 1, 5 * S));
    Update released = give(1);
    assertThat(peer.expectMessage(Digest.class)).isEqualTo(new Digest(NODE, 1, Kind.PUSH));
    reply(Kind.ANSWER, 1); // the rumour stops
    Arrival<Digest> sync = peer.expectArrival(Digest.class);
    assertThat(sync.nanos()).isEqualTo(5 * S + 10 * MS);
    assertThat(sync.message()).isEqualTo(new Digest(NODE, 1, Kind.SYNC));

    reply(Kind.SYNC_ANSWER, 0);
    assertThat(peer.expectMessage(Update.class)).isEqualTo(released.from(NODE));
    reply(Kind.SYNC, 0);
    assertThat(peer.expectMessage(Update.class)).isEqualTo(released.from(NODE));
    reply(Kind.SYNC, 3);
    assertThat(peer.expectMessage(Digest.class)).isEqualTo(new Digest(NODE, 1, Kind.SYNC_ANSWER));
    reply(Kind.SYNC, 1);
    reply(Kind.SYNC_ANSWER, 1);
    peer.expectNoMessage(Duration.ofSeconds(4));
  }

  @Test
  void inRandomPhaseEachNodeKeepsItsOwnOffsetOnePeriodApart() {
    start(new GossipSpec(Mode.PULL, 1, S, Timing.RANDOM_PHASE, true, 0, 0, null));
    List<Arrival<NetMessage>> asks = peer.receiveArrivals(3);
    long offset = asks.get(0).nanos() - 10 * MS;
    assertThat(offset).isBetween(0L, S - 1);
    long first = asks.get(0).nanos();
    assertThat(asks).extracting(Arrival::nanos).containsExactly(first, first + S, first + 2 * S);
  }

  @Test
  void withAViewTheNodeContactsOnlyItsViewAndAShuffleReplacesIt() {
    GossipSpec.View view = new GossipSpec.View(2, 2, 10 * S);
    start(new GossipSpec(Mode.PULL, 1, S, Timing.ROUNDS, true, 0, 0, view), 6);
    Set<Integer> bootstrap = contactsUntil(10 * S);
    assertThat(bootstrap).hasSize(2).doesNotContain(NODE, SOURCE);

    // At 10 s it shuffles with the oldest neighbour: itself and the other neighbour, aged once.
    Arrival<Shuffle> offer = peer.fishForArrival(Shuffle.class, shuffle -> true, Duration.ofSeconds(1));
    assertThat(offer.nanos()).isEqualTo(10 * S + 10 * MS);
    assertThat(bootstrap).contains(offer.to());
    int other = bootstrap.stream().filter(id -> id != offer.to()).findFirst().orElseThrow();
    assertThat(offer.message()).isEqualTo(new Shuffle(NODE, false, new int[] {NODE, other}, new int[] {0, 1}));
    int[] fresh = Arrays.copyOf(outside(bootstrap), 2);
    kit.send(offer.to(), NODE, new Shuffle(offer.to(), true, fresh, new int[] {0, 0}));
    peer.receivedSoFar();
    assertThat(contactsUntil(20 * S)).containsExactlyInAnyOrder(fresh[0], fresh[1]);
  }

  @Test
  void aNodeAnswersAShuffleWithOtherEntriesAndTakesTheOfferedOnes() {
    GossipSpec.View view = new GossipSpec.View(2, 2, 100 * S);
    start(new GossipSpec(Mode.PULL, 1, S, Timing.ROUNDS, true, 0, 0, view), 6);
    Set<Integer> bootstrap = contactsUntil(3 * S);
    int asker = outside(bootstrap)[0];
    int offered = outside(bootstrap)[1];
    kit.send(asker, NODE, new Shuffle(asker, false, new int[] {asker, offered}, new int[] {0, 3}));
    Arrival<Shuffle> answer = peer.fishForArrival(Shuffle.class, shuffle -> true, Duration.ofMillis(100));
    assertThat(answer.to()).isEqualTo(asker);
    assertThat(answer.message().answer()).isTrue();
    int[] held = bootstrap.stream().mapToInt(Integer::intValue).toArray();
    assertThat(answer.message().ids()).containsExactlyInAnyOrder(held);
    // Its view was full: the offered entries took the places of those it sent.
    assertThat(contactsUntil(13 * S)).containsExactlyInAnyOrder(asker, offered);
  }

  /** The probes of the six-node group that are not in {@code view}. */
  private static int[] outside(Set<Integer> view) {
    return IntStream.rangeClosed(PEER, 6).filter(id -> !view.contains(id)).toArray();
  }

  /** The peers the node sent its gossip digests to until {@code nanos}. */
  private Set<Integer> contactsUntil(long nanos) {
    kit.advanceNanos(nanos - kit.now());
    Set<Integer> contacted = new HashSet<>();
    for (Arrival<NetMessage> arrival : peer.receivedSoFar()) {
      if (arrival.message() instanceof Digest) {
        contacted.add(arrival.to());
      }
    }
    return contacted;
  }
}
