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
 * What a peer does when a message is lost, on the stage {@link PeerStage} sets: nothing it needs is
 * left to a single message. The round trips are instant here, so every timeout is the shortest, a
 * second, doubling for each copy of the same message up to four seconds.
 */
class PeerLossTest extends PeerStage {

  private static final long TIMEOUT = Timeouts.Policy.DEFAULT.minNanos();

  private JsonNode downloads() {
    ObjectNode group = Json.object();
    metrics.write(group);
    return group.get("downloads");
  }

  /** Neighbours 3 and 4 have chunk 0 of a 10-chunk file and unchoke the peer, which asks 3 for it. */
  private void askedOfThreeWhileFourHasItToo() {
    start(4, slots(4), -1, 10);
    kit.send(3, PEER, new Wire.Bitfield(3, bits(0)));
    kit.send(4, PEER, new Wire.Bitfield(4, bits(0)));
    kit.send(3, PEER, new Wire.Choke(3, true, 1, 0));
    kit.send(4, PEER, new Wire.Choke(4, true, 1, 0));
    for (int id = 3; id <= 4; id++) {
      assertThat(neighbour(id).receivedSoFar()).extracting(Arrival::message).first().isEqualTo(new Wire.Interest(PEER, true, 1));
    }
  }

  @Test
  void aLostRequestGoesToAnotherHolderAfterItsTimeout() {
    askedOfThreeWhileFourHasItToo();
    long asked = kit.now();
    // The request to 3 (or its chunk) is lost: after the timeout, 3 is told to drop it and 4 asked.
    Arrival<Wire.Cancel> cancel = neighbour(3).expectArrival(Wire.Cancel.class, Duration.ofSeconds(2));
    assertThat(cancel.message()).isEqualTo(new Wire.Cancel(PEER, 0));
    assertThat(cancel.nanos()).isEqualTo(asked + TIMEOUT);
    Arrival<Wire.RequestChunk> again = neighbour(4).expectArrival(Wire.RequestChunk.class, Duration.ZERO);
    assertThat(again.message()).isEqualTo(new Wire.RequestChunk(PEER, 0));
    assertThat(again.nanos()).isEqualTo(asked + TIMEOUT);
    kit.send(4, PEER, new Wire.Chunk(4, 0, 1000));
    assertThat(downloads().get("resent-requests").asLong()).isEqualTo(1);
    // Chunk 0 arrives from 3 after all: a duplicate, counted, and nothing more is asked for it.
    kit.send(3, PEER, new Wire.Chunk(3, 0, 1000));
    assertThat(downloads().get("duplicate-bytes").asLong()).isEqualTo(1000);
  }

  @Test
  void aLostRequestGoesToTheSameHolderWhenNoOtherHasTheChunk() {
    start(4, slots(4), -1, 10);
    kit.send(3, PEER, new Wire.Bitfield(3, bits(5)));
    kit.send(3, PEER, new Wire.Choke(3, true, 1, 0));
    long asked = kit.now();
    assertThat(neighbour(3).receivedSoFar()).extracting(Arrival::message)
        .containsExactly(new Wire.Interest(PEER, true, 1), new Wire.RequestChunk(PEER, 5));
    // No other neighbour has chunk 5: it is asked of 3 again, after one timeout, then after two.
    List<Arrival<Wire.RequestChunk>> again = List.of(
        neighbour(3).expectArrival(Wire.RequestChunk.class, Duration.ofSeconds(2)),
        neighbour(3).expectArrival(Wire.RequestChunk.class, Duration.ofSeconds(3)));
    assertThat(again).extracting(Arrival::message).containsOnly(new Wire.RequestChunk(PEER, 5));
    assertThat(again).extracting(Arrival::nanos).containsExactly(asked + TIMEOUT, asked + 3 * TIMEOUT);
    assertThat(downloads().get("resent-requests").asLong()).isEqualTo(2);
  }

  @Test
  void aChokeKeepsTheRequestsForChunksAlreadyOnTheirWay() {
    start(4, slots(4), -1, 10);
    kit.send(3, PEER, new Wire.Bitfield(3, bits(0, 1)));
    kit.send(4, PEER, new Wire.Bitfield(4, bits(0, 1)));
    neighbour(3).expectMessage(new Wire.Interest(PEER, true, 1));
    neighbour(4).expectMessage(new Wire.Interest(PEER, true, 1));
    kit.send(3, PEER, new Wire.Choke(3, true, 1, 0));
    List<Integer> asked = requested(3);
    assertThat(asked).containsExactlyInAnyOrder(0, 1);
    kit.send(4, PEER, new Wire.Choke(4, true, 1, 0));
    assertThat(requested(4)).isEmpty(); // both chunks asked for already
    // 3 chokes the peer having sent it one chunk, still on its way (the choke overtook it): 4 is
    // not asked for anything while that one may come.
    kit.send(3, PEER, new Wire.Choke(3, false, 2, 1));
    assertThat(requested(4)).isEmpty();
    // It comes: the other request was dropped by the choke, and goes to 4.
    kit.send(3, PEER, new Wire.Chunk(3, asked.get(0), 1000));
    assertThat(requested(4)).containsExactly(asked.get(1));
    assertThat(downloads().get("duplicate-bytes").asLong()).isZero();
  }

  @Test
  void anUnansweredInterestIsToldAgainUntilAChokeOrUnchokeAnswersIt() {
    start(4, slots(4), -1, 10);
    kit.send(3, PEER, new Wire.Bitfield(3, bits(0)));
    long told = kit.now();
    neighbour(3).expectMessage(new Wire.Interest(PEER, true, 1));
    Arrival<Wire.Interest> again = neighbour(3).expectArrival(Wire.Interest.class, Duration.ofSeconds(2));
    assertThat(again.message()).isEqualTo(new Wire.Interest(PEER, true, 2));
    assertThat(again.nanos()).isEqualTo(told + TIMEOUT);
    // The answer: its choke as it stands (none yet). The peer waits, and tells it nothing more.
    kit.send(3, PEER, new Wire.Choke(3, false, 0, 0));
    neighbour(3).expectNoMessage(Duration.ofSeconds(5));
    assertThat(downloads().get("resent-control").asLong()).isEqualTo(1);
  }

  @Test
  void asksForTheFileTheMembersAndTheNeighboursBitfieldsUntilAnswered() {
    spawn(4, slots(4), -1, 1000 * SECOND); // no announce to the tracker within the test
    // The question for the file, unanswered, is asked again a second later.
    Arrival<Wire.GetFile> ask = origin.expectArrival(Wire.GetFile.class);
    Arrival<Wire.GetFile> again = origin.expectArrival(Wire.GetFile.class, Duration.ofSeconds(2));
    assertThat(again.nanos()).isEqualTo(ask.nanos() + TIMEOUT);
    kit.send(ORIGIN, PEER, new Wire.FileInfo(ORIGIN, "file", 10_000, 1000));
    kit.send(ORIGIN, PEER, new Wire.FileInfo(ORIGIN, "file", 10_000, 1000)); // the second copy's answer
    origin.expectMessage(Wire.Handshake.class);
    kit.send(ORIGIN, PEER, new Wire.Bitfield(ORIGIN, Chunks.full(10)));
    origin.expectMessage(new Wire.Interest(PEER, true, 1));
    kit.send(ORIGIN, PEER, new Wire.Choke(ORIGIN, true, 1, 0));
    origin.expectMessage(Wire.RequestChunk.class);
    // So is the question for members.
    Arrival<Wire.Join> join = tracker.expectArrival(Wire.Join.class);
    Arrival<Wire.Join> joinAgain = tracker.expectArrival(Wire.Join.class, Duration.ofSeconds(2));
    assertThat(joinAgain.nanos()).isEqualTo(join.nanos() + TIMEOUT);
    kit.send(TRACKER, PEER, new Wire.Members(TRACKER, "file", new int[] {3}));
    // Member 3 never answers the handshake (it left, its goodbye lost): sent six times, at
    // growing intervals, then 3 is given up on.
    List<Arrival<Wire.Handshake>> handshakes = neighbour(3).receiveArrivals(Wire.Handshake.class, SwarmDownload.HANDSHAKES);
    long first = handshakes.get(0).nanos();
    assertThat(handshakes).extracting(Arrival::nanos)
        .containsExactly(first, first + TIMEOUT, first + 3 * TIMEOUT, first + 7 * TIMEOUT, first + 11 * TIMEOUT, first + 15 * TIMEOUT);
    // One copy of each question, five of the handshake.
    assertThat(downloads().get("resent-control").asLong()).isEqualTo(7);
    // Given up on four seconds after the last: left with fewer than half the neighbours it wants, the
    // peer asks the tracker for more, and never greets 3 again.
    Arrival<Wire.Join> more = tracker.expectArrival(Wire.Join.class, Duration.ofSeconds(5));
    assertThat(more.nanos()).isEqualTo(first + 19 * TIMEOUT);
    neighbour(3).expectNoMessage(Duration.ofSeconds(30));
  }
}
