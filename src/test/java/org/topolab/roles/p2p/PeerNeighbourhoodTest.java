package org.topolab.roles.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.topolab.metrics.Json;
import org.topolab.testkit.Arrival;

/**
 * How a peer keeps its neighbours, on the stage {@link PeerStage} sets: it gives up on one that
 * falls silent and finds others, through the tracker or, when the tracker is silent too, through
 * the peers it knows (peer exchange). Round trips are instant, so every timeout is the shortest: a
 * second, doubling for each copy of the same message up to four.
 */
class PeerNeighbourhoodTest extends PeerStage {

  private static final long TIMEOUT = Timeouts.Policy.DEFAULT.minNanos();
  private static final long NEVER = 1000 * SECOND;

  private JsonNode downloads() {
    ObjectNode group = Json.object();
    metrics.write(group);
    metrics.writeNeighbours((ObjectNode) group.get("downloads"));
    return group.get("downloads");
  }

  @Test
  void aNeighbourThatFallsSilentIsGivenUpOnAndReplacedThroughTheTracker() {
    start(4, slots(4), -1, 10, NEVER);
    kit.send(3, PEER, new Wire.Bitfield(3, bits(0), 0));
    neighbour(3).expectMessage(new Wire.Interest(PEER, true, 1));
    kit.send(3, PEER, new Wire.Choke(3, true, 1, 0));
    long asked = kit.now();
    // Neighbour 3 crashes with the request: no other has chunk 0, so it is asked of 3 again after
    // each timeout (1, 2, then 4 s), and after the sixth 3 is given up on.
    List<Arrival<Wire.RequestChunk>> requests = neighbour(3).receiveArrivals(Wire.RequestChunk.class, SwarmDownload.GIVE_UP_AFTER);
    assertThat(requests).extracting(Arrival::nanos)
        .containsExactly(asked, asked + TIMEOUT, asked + 3 * TIMEOUT, asked + 7 * TIMEOUT, asked + 11 * TIMEOUT, asked + 15 * TIMEOUT);
    // Left with the origin, 4 and 5, fewer than half the ten neighbours it wants, it asks the tracker.
    Arrival<Wire.Join> join = tracker.expectArrival(Wire.Join.class, Duration.ofSeconds(5));
    assertThat(join.nanos()).isEqualTo(asked + 19 * TIMEOUT);
    kit.send(TRACKER, PEER, new Wire.Members(TRACKER, "file", new int[] {3, 6}));
    // 6 is the new neighbour; 3, given up on, is not greeted again.
    neighbour(6).expectMessage(Wire.Handshake.class);
    kit.send(6, PEER, new Wire.Bitfield(6, bits(), 0));
    neighbour(3).expectNoMessage(Duration.ofSeconds(30));
    assertThat(downloads().get("neighbours-lost").asLong()).isEqualTo(1);
  }

  @Test
  void aNeighbourThatKeepsAnsweringIsKeptHoweverLongItsRequestsTake() {
    start(4, slots(4), -1, 10, NEVER);
    kit.send(3, PEER, new Wire.Bitfield(3, bits(0, 1, 2, 3, 4, 5, 6, 7), 0));
    neighbour(3).expectMessage(new Wire.Interest(PEER, true, 1));
    kit.send(3, PEER, new Wire.Choke(3, true, 1, 0));
    // 3 is slow: each chunk comes after its request has timed out and been asked again, but it
    // comes, so 3 is never given up on and the tracker is never asked.
    for (int delivered = 0; delivered < 8; delivered++) {
      Wire.RequestChunk again = neighbour(3).fishForArrival(Wire.RequestChunk.class, request -> true, Duration.ofSeconds(5)).message();
      kit.advance(Duration.ofMillis(1500));
      kit.send(3, PEER, new Wire.Chunk(3, again.chunk(), 1000));
    }
    assertThat(downloads().get("resent-requests").asLong()).isPositive();
    assertThat(downloads().get("neighbours-lost").asLong()).isZero();
    tracker.expectNoMessage(Duration.ZERO);
  }

  @Test
  void whenTheTrackerIsSilentThePeerAsksItsNeighboursAndConnectsToThePeersTheyName() {
    start(4, slots(4), -1, 10, NEVER);
    // 3 leaves: left with three neighbours, the peer asks the tracker, which does not answer.
    kit.send(3, PEER, new Wire.Bye(3));
    Arrival<Wire.Join> join = tracker.expectArrival(Wire.Join.class, Duration.ZERO);
    // A timeout later it asks again, and asks its neighbours other than the origin.
    Arrival<Wire.Join> again = tracker.expectArrival(Wire.Join.class, Duration.ofSeconds(2));
    assertThat(again.nanos()).isEqualTo(join.nanos() + TIMEOUT);
    for (int id = 4; id <= 5; id++) {
      Arrival<Wire.GetPeers> ask = neighbour(id).expectArrival(Wire.GetPeers.class, Duration.ZERO);
      assertThat(ask.message()).isEqualTo(new Wire.GetPeers(PEER, "file"));
      assertThat(ask.nanos()).isEqualTo(again.nanos());
    }
    assertThat(origin.receivedSoFar()).extracting(Arrival::message).noneMatch(Wire.GetPeers.class::isInstance);
    // 4 names the peers it knows: the peer itself and 3, which left, are no news; 6 is.
    kit.send(4, PEER, new Wire.PeerList(4, "file", new int[] {PEER, 3, 6}));
    neighbour(6).expectMessage(Wire.Handshake.class);
    neighbour(3).expectNoMessage(Duration.ZERO);
    assertThat(downloads().get("neighbours-from-pex").asLong()).isEqualTo(1);
  }

  @Test
  void everyExchangeIntervalThePeerNamesItsNeighboursNewestFirstAndKeepsWhatItHearsForWhenTheTrackerFails() {
    start(4, slots(4), -1, 10, NEVER);
    long joined = kit.now();
    // A minute after it joined, each neighbour but the origin hears of the peer's others.
    for (int id = 3; id <= 5; id++) {
      Arrival<Wire.PeerList> list = neighbour(id).expectArrival(Wire.PeerList.class, Duration.ofSeconds(61));
      assertThat(list.nanos()).isEqualTo(joined + Neighbourhood.Exchange.DEFAULT.intervalNanos());
      assertThat(list.message().peers()).containsExactly(5, 4, 3);
    }
    assertThat(origin.receivedSoFar()).extracting(Arrival::message).noneMatch(Wire.PeerList.class::isInstance);
    // While the tracker answers, the peers a neighbour names are only kept.
    kit.send(4, PEER, new Wire.PeerList(4, "file", new int[] {6}));
    neighbour(6).expectNoMessage(Duration.ofSeconds(5));
    // 3 and 5 leave, and the tracker does not answer: the peer connects to 6 when the answer is overdue.
    kit.send(3, PEER, new Wire.Bye(3));
    Arrival<Wire.Join> join = tracker.expectArrival(Wire.Join.class, Duration.ZERO);
    Arrival<Wire.Handshake> handshake = neighbour(6).expectArrival(Wire.Handshake.class, Duration.ofSeconds(2));
    assertThat(handshake.nanos()).isEqualTo(join.nanos() + TIMEOUT);
  }

  @Test
  void aPeerThatComesBackIsANewNeighbour() {
    start(4, slots(4), -1, 10, NEVER);
    // 4 has two chunks, and is unchoked by the peer's uploader.
    kit.send(4, PEER, new Wire.Bitfield(4, bits(0, 1), 0));
    neighbour(4).expectMessage(new Wire.Interest(PEER, true, 1));
    kit.send(4, PEER, new Wire.Interest(4, true, 1));
    neighbour(4).expectMessage(new Wire.Choke(PEER, true, 1, 0));
    // A late copy of a handshake of 4's session (its bitfield said session 0) changes nothing: it
    // is answered, but interest number 1 is old news.
    kit.send(4, PEER, new Wire.Handshake(4, "file", bits(), 0));
    assertThat(neighbour(4).expectMessage(Wire.Bitfield.class).from()).isEqualTo(PEER);
    kit.send(4, PEER, new Wire.Interest(4, true, 1));
    neighbour(4).expectNoMessage(Duration.ZERO);
    // 4 restarts: a handshake of a later session, with none of the chunks it had. The peer takes it
    // as a new neighbour's, and its numbering of interest starts again: interest number 1 is news.
    kit.send(4, PEER, new Wire.Handshake(4, "file", bits(), SECOND));
    assertThat(neighbour(4).expectMessage(Wire.Bitfield.class).from()).isEqualTo(PEER);
    kit.send(4, PEER, new Wire.Interest(4, true, 1));
    neighbour(4).expectMessage(new Wire.Choke(PEER, true, 1, 0));
    // 3 said goodbye; a late copy of its old handshake is ignored, and when it comes back in a new
    // session, its handshake is answered.
    kit.send(3, PEER, new Wire.Bye(3));
    tracker.expectMessage(Wire.Join.class);
    kit.send(3, PEER, new Wire.Handshake(3, "file", bits(2), 0));
    neighbour(3).expectNoMessage(Duration.ZERO);
    kit.send(3, PEER, new Wire.Handshake(3, "file", bits(2), SECOND));
    assertThat(neighbour(3).expectMessage(Wire.Bitfield.class).from()).isEqualTo(PEER);
    neighbour(3).expectMessage(new Wire.Interest(PEER, true, 1));
  }

  @Test
  void aCompletePeerStopsAskingASilentTrackerSoThatTheRunCanEnd() {
    start(2, slots(4), -1, 2, NEVER);
    kit.send(3, PEER, new Wire.Bye(3));
    tracker.expectMessage(Wire.Join.class);
    kit.send(4, PEER, new Wire.Bitfield(4, bits(0, 1), 0));
    neighbour(4).expectMessage(new Wire.Interest(PEER, true, 1));
    kit.send(4, PEER, new Wire.Choke(4, true, 1, 0));
    for (int chunk : requested(4)) {
      kit.send(4, PEER, new Wire.Chunk(4, chunk, 1000));
    }
    assertThat(metrics.completed()).isEqualTo(1);
    // Complete, it neither asks the tracker again nor exchanges peers: once its last timer (the
    // announce, far off) has come, nothing is left to happen.
    kit.advance(Duration.ofNanos(NEVER + SECOND));
    assertThat(tracker.receivedSoFar()).isEmpty();
    assertThat(neighbour(4).receivedSoFar()).extracting(Arrival::message).noneMatch(Wire.PeerList.class::isInstance);
    assertThat(kit.pending()).isZero();
  }
}
