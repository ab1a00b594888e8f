package org.topolab.roles.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.topolab.network.NetMessage;
import org.topolab.testkit.Arrival;

/** The peer protocol, step by step, on the stage {@link PeerStage} sets. */
class PeerTest extends PeerStage {

  @Test
  void exchangesBitfieldsOnConnectAndAnnouncesNewChunks() {
    start(4, slots(4), -1, 10);
    kit.send(3, PEER, new Wire.Bitfield(3, bits(0, 1)));
    neighbour(3).expectMessage(new Wire.Interest(PEER, true, 1));
    kit.send(3, PEER, new Wire.Choke(3, true, 1, 0));
    // A neighbour whose pace is not known yet is asked for two chunks at most: here, both.
    List<Integer> asked = requested(3);
    assertThat(asked).containsExactlyInAnyOrder(0, 1);
    int first = asked.get(0);
    kit.send(3, PEER, new Wire.Chunk(3, first, 1000));
    // Neighbours that lack the chunk hear of it; the one that sent it is not told.
    neighbour(4).expectMessage(new Wire.Have(PEER, first));
    neighbour(5).expectMessage(new Wire.Have(PEER, first));
    assertThat(neighbour(3).receivedSoFar()).isEmpty();
    // A peer that connects on its own gets the bitfield as it is now, and interest if it has something new.
    kit.send(6, PEER, new Wire.Handshake(6, "file", bits(first, 7)));
    Wire.Bitfield reply = neighbour(6).expectMessage(Wire.Bitfield.class);
    assertThat(Chunks.count(reply.have())).isEqualTo(1);
    assertThat(Chunks.has(reply.have(), first)).isTrue();
    neighbour(6).expectMessage(new Wire.Interest(PEER, true, 1));
  }

  @Test
  void asksForTheRarestChunkFirst() {
    start(1, slots(4), -1, 10);
    kit.send(3, PEER, new Wire.Bitfield(3, bits(0, 1, 2)));
    kit.send(4, PEER, new Wire.Bitfield(4, bits(1, 2)));
    kit.send(5, PEER, new Wire.Bitfield(5, bits(2)));
    for (int id = 3; id <= 5; id++) {
      neighbour(id).expectMessage(new Wire.Interest(PEER, true, 1));
    }
    kit.send(3, PEER, new Wire.Choke(3, true, 1, 0));
    // Chunk 0 is held by one neighbour, chunk 1 by two, chunk 2 by three; one request at a time.
    assertThat(requested(3)).containsExactly(0);
    kit.send(3, PEER, new Wire.Chunk(3, 0, 1000));
    assertThat(requested(3)).containsExactly(1);
    kit.send(3, PEER, new Wire.Chunk(3, 1, 1000));
    assertThat(requested(3)).containsExactly(2);
  }

  @Test
  void keepsAtMostRequestsInFlightSpreadOverNeighbours() {
    start(3, slots(4), -1, 10);
    long[] all = bits(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    kit.send(3, PEER, new Wire.Bitfield(3, all));
    kit.send(4, PEER, new Wire.Bitfield(4, all));
    neighbour(3).expectMessage(new Wire.Interest(PEER, true, 1));
    neighbour(4).expectMessage(new Wire.Interest(PEER, true, 1));
    kit.send(3, PEER, new Wire.Choke(3, true, 1, 0));
    kit.send(4, PEER, new Wire.Choke(4, true, 1, 0));
    List<Integer> fromThree = requested(3);
    List<Integer> fromFour = requested(4);
    assertThat(fromThree.size() + fromFour.size()).isEqualTo(3);
    assertThat(fromThree).isNotEmpty().doesNotContainAnyElementsOf(fromFour);
    assertThat(fromFour).isNotEmpty();
    // One delivered: exactly one more request goes out.
    kit.send(3, PEER, new Wire.Chunk(3, fromThree.get(0), 1000));
    List<Integer> more = new ArrayList<>(requested(3));
    more.addAll(requested(4));
    assertThat(more).hasSize(1).doesNotContainAnyElementsOf(fromThree).doesNotContainAnyElementsOf(fromFour);
  }

  /**
   * Lets the peer download both chunks of a 2-chunk file from neighbour 3, and checks that 4 and 5,
   * which lack them, hear of each; returns when the download completed.
   */
  private long downloadBothChunksFromThree() {
    kit.send(3, PEER, new Wire.Bitfield(3, bits(0, 1)));
    neighbour(3).expectMessage(new Wire.Interest(PEER, true, 1));
    kit.send(3, PEER, new Wire.Choke(3, true, 1, 0));
    List<Integer> asked = requested(3);
    assertThat(asked).containsExactlyInAnyOrder(0, 1);
    for (int chunk : asked) {
      kit.send(3, PEER, new Wire.Chunk(3, chunk, 1000));
    }
    neighbour(3).expectMessage(new Wire.Interest(PEER, false, 2));
    for (int id = 4; id <= 5; id++) {
      assertThat(neighbour(id).receivedSoFar())
          .extracting(Arrival::message)
          .containsExactly(new Wire.Have(PEER, asked.get(0)), new Wire.Have(PEER, asked.get(1)));
    }
    assertThat(metrics.completed()).isEqualTo(1);
    return kit.now();
  }

  @Test
  void seedsAfterCompletingThenLeaves() {
    long seedTime = 300_000_000L;
    start(2, slots(1), seedTime, 2);
    long completed = downloadBothChunksFromThree();
    // Complete, it serves: neighbour 4 asks, is unchoked, and gets its chunk. With one upload
    // slot, neighbour 5 waits.
    kit.advance(Duration.ofMillis(100));
    kit.send(4, PEER, new Wire.Interest(4, true, 1));
    kit.send(5, PEER, new Wire.Interest(5, true, 1));
    neighbour(4).expectMessage(new Wire.Choke(PEER, true, 1, 0));
    neighbour(5).expectMessage(new Wire.Choke(PEER, false, 0, 0)); // its interest heard; it waits
    kit.send(4, PEER, new Wire.RequestChunk(4, 1));
    neighbour(4).expectMessage(new Wire.Chunk(PEER, 1, 1000));
    // The seed time after completing, it says goodbye to its neighbours and leaves the tracker's
    // list; neighbour 5 was never unchoked.
    Arrival<Wire.Bye> bye = neighbour(4).expectArrival(Wire.Bye.class);
    assertThat(bye.nanos()).isEqualTo(completed + seedTime);
    assertThat(bye.message()).isEqualTo(new Wire.Bye(PEER));
    neighbour(3).expectMessage(new Wire.Bye(PEER));
    assertThat(neighbour(5).receivedSoFar()).extracting(Arrival::message).containsExactly(new Wire.Bye(PEER));
    Arrival<Wire.Leave> leave = tracker.expectArrival(Wire.Leave.class);
    assertThat(leave.message()).isEqualTo(new Wire.Leave(PEER, "file"));
    assertThat(leave.nanos()).isEqualTo(completed + seedTime);
    // It has stopped: its rechoke, due 10 s after the interest, never comes.
    neighbour(4).expectNoMessage(Duration.ofSeconds(30));
    neighbour(5).expectNoMessage(Duration.ZERO);
  }

  @Test
  void asksAgainElsewhereWhenANeighbourLeavesMidTransfer() {
    start(2, slots(4), -1, 10);
    kit.send(3, PEER, new Wire.Bitfield(3, bits(0, 1)));
    kit.send(4, PEER, new Wire.Bitfield(4, bits(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)));
    kit.send(5, PEER, new Wire.Bitfield(5, bits(2, 3, 4, 5, 6, 7, 8, 9)));
    for (int id = 3; id <= 5; id++) {
      neighbour(id).expectMessage(new Wire.Interest(PEER, true, 1));
    }
    kit.send(3, PEER, new Wire.Choke(3, true, 1, 0));
    assertThat(requested(3)).containsExactlyInAnyOrder(0, 1);
    kit.send(4, PEER, new Wire.Choke(4, true, 1, 0));
    assertThat(requested(4)).isEmpty(); // the pipeline is full
    // Neighbour 3 leaves with both requests unanswered: they go to neighbour 4, which now holds
    // the only copies of chunks 0 and 1 (the rarest).
    kit.send(3, PEER, new Wire.Bye(3));
    assertThat(requested(4)).containsExactlyInAnyOrder(0, 1);
    // Left with fewer than half its ten neighbours (the origin, 4 and 5), it asks the tracker again.
    tracker.expectMessage(new Wire.Join(PEER, "file", 10));
  }

  @Test
  void titForTatKeepsTheSlotForWhoeverUploadedMost() {
    long rechoke = 1_500_000_000L;
    start(2, new Uploader.Policy(2, true, rechoke), -1, 2);
    downloadBothChunksFromThree();
    // The rechoke interval runs from the first interest, not from the start.
    kit.advance(Duration.ofSeconds(1));
    long interested = kit.now();
    for (int id = 4; id <= 6; id++) {
      kit.send(id, PEER, new Wire.Interest(id, true, 1));
    }
    neighbour(4).expectMessage(new Wire.Choke(PEER, true, 1, 0));
    neighbour(5).expectMessage(new Wire.Choke(PEER, true, 1, 0));
    neighbour(6).expectMessage(new Wire.Choke(PEER, false, 0, 0)); // its interest heard; it waits
    // Neighbour 6 waits for a slot, and meanwhile uploads to the peer.
    kit.send(6, PEER, new Wire.Chunk(6, 0, 1000));
    // At the rechoke it gets the slot kept for the best uploader; the other slot goes to one of 4
    // and 5 (the optimistic unchoke), and the other of them is choked, at the same instant. The one
    // kept asked for nothing in the whole interval, as if it had missed its unchoke: that is repeated.
    Arrival<Wire.Choke> unchoke = neighbour(6).expectArrival(Wire.Choke.class);
    assertThat(unchoke.message()).isEqualTo(new Wire.Choke(PEER, true, 1, 0));
    assertThat(unchoke.nanos()).isEqualTo(interested + rechoke);
    List<Arrival<NetMessage>> toFourAndFive = new ArrayList<>(neighbour(4).receivedSoFar());
    toFourAndFive.addAll(neighbour(5).receivedSoFar());
    assertThat(toFourAndFive).extracting(Arrival::message)
        .containsExactlyInAnyOrder(new Wire.Choke(PEER, false, 2, 0), new Wire.Choke(PEER, true, 1, 0));
    assertThat(toFourAndFive).extracting(Arrival::to).doesNotHaveDuplicates();
    assertThat(toFourAndFive).extracting(Arrival::nanos).containsOnly(interested + rechoke);
  }

  @Test
  void asksTheTrackerForMoreEveryAnnounceIntervalWhileShortOfNeighbours() {
    start(4, slots(4), -1, 10);
    long answered = kit.now();
    // The origin and three members are four neighbours, short of twice the ten it asks for: every
    // announce interval it asks for more, while it downloads.
    Arrival<Wire.Join> again = tracker.expectArrival(Wire.Join.class, Duration.ofSeconds(11));
    assertThat(again.nanos()).isEqualTo(answered + 10 * SECOND);
    kit.send(TRACKER, PEER, new Wire.Members(TRACKER, "file", new int[] {4, 6}));
    neighbour(6).expectMessage(Wire.Handshake.class); // 4 it knows already
    assertThat(neighbour(4).receivedSoFar()).isEmpty();
    tracker.expectMessage(new Wire.Join(PEER, "file", 10));
  }
}
