package org.topolab.roles.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.topolab.metrics.Json;

/** Chunk verification, banning and each malicious behaviour, step by step on the stage {@link PeerStage} sets. */
class PeerSecurityTest extends PeerStage {

  private JsonNode security() {
    ObjectNode group = Json.object();
    metrics.security().write(group, new SwarmSecurity.Policy(verifyChunks, malicious.malice(), 0));
    return group.get("security");
  }

  /** Neighbour 3 has chunks 0 and 1 and unchokes the peer; returns the two chunks asked of it. */
  private List<Integer> unchokedByThree() {
    kit.send(3, PEER, new Wire.Bitfield(3, bits(0, 1)));
    neighbour(3).expectMessage(new Wire.Interest(PEER, true, 1));
    kit.send(3, PEER, new Wire.Choke(3, true, 1, 0));
    List<Integer> asked = requested(3);
    assertThat(asked).containsExactlyInAnyOrder(0, 1);
    return asked;
  }

  @Test
  void aChunkThatFailsVerificationIsDiscardedAndItsSenderBanned() {
    verifyChunks = true;
    start(2, slots(4), -1, 2);
    List<Integer> asked = unchokedByThree();
    kit.send(4, PEER, new Wire.Bitfield(4, bits(0, 1)));
    neighbour(4).expectMessage(new Wire.Interest(PEER, true, 1));
    kit.send(3, PEER, new Wire.Chunk(3, asked.get(0), 1000, true));
    // Discarded: nobody hears of it. Banned: neighbour 3 is told goodbye.
    neighbour(3).expectMessage(new Wire.Bye(PEER));
    assertThat(neighbour(5).receivedSoFar()).isEmpty();
    // Both chunks it had asked of 3 are asked of 4 once 4 unchokes the peer.
    kit.send(4, PEER, new Wire.Choke(4, true, 1, 0));
    assertThat(requested(4)).containsExactlyInAnyOrder(0, 1);
    // The banned neighbour is never heard again, nor connected to when the tracker names it.
    kit.send(3, PEER, new Wire.Chunk(3, asked.get(1), 1000));
    kit.send(3, PEER, new Wire.Handshake(3, "file", bits()));
    kit.send(3, PEER, new Wire.RequestChunk(3, 0));
    kit.send(TRACKER, PEER, new Wire.Members(TRACKER, "file", new int[] {3, 6}));
    neighbour(6).expectMessage(Wire.Handshake.class);
    neighbour(3).expectNoMessage(Duration.ofSeconds(1));
    // The genuine chunk from the banned sender still counts: chunk content is checked, not its sender.
    for (int chunk : new int[] {0, 1}) {
      kit.send(4, PEER, new Wire.Chunk(4, chunk, 1000));
    }
    assertThat(metrics.completed()).isEqualTo(1);
    JsonNode security = security();
    assertThat(security.get("protected").asBoolean()).isTrue();
    assertThat(security.get("corrupt-chunks-received").asLong()).isEqualTo(1);
    assertThat(security.get("corrupt-chunks-accepted").asLong()).isZero();
    assertThat(security.get("wasted-bytes").asLong()).isEqualTo(1000);
    assertThat(security.get("banned-peers").asLong()).isEqualTo(1);
    assertThat(security.get("completed-corrupt").asLong()).isZero();
  }

  @Test
  void withoutVerificationACorruptChunkIsKeptServedOnAndTheDownloadCompletesCorrupt() {
    start(2, slots(4), -1, 2);
    List<Integer> asked = unchokedByThree();
    kit.send(3, PEER, new Wire.Chunk(3, asked.get(0), 1000, true));
    kit.send(3, PEER, new Wire.Chunk(3, asked.get(1), 1000));
    assertThat(metrics.completed()).isEqualTo(1);
    neighbour(3).expectMessage(new Wire.Interest(PEER, false, 2)); // no ban: it is still a neighbour
    // The peer serves the corrupt chunk as it is: the damage spreads.
    kit.send(4, PEER, new Wire.Interest(4, true, 1));
    neighbour(4).expectMessage(new Wire.Have(PEER, asked.get(0)));
    neighbour(4).expectMessage(new Wire.Have(PEER, asked.get(1)));
    neighbour(4).expectMessage(new Wire.Choke(PEER, true, 1, 0));
    kit.send(4, PEER, new Wire.RequestChunk(4, asked.get(0)));
    kit.send(4, PEER, new Wire.RequestChunk(4, asked.get(1)));
    assertThat(neighbour(4).receiveMessages(Wire.Chunk.class, 2))
        .containsExactlyInAnyOrder(new Wire.Chunk(PEER, asked.get(0), 1000, true), new Wire.Chunk(PEER, asked.get(1), 1000, false));
    JsonNode security = security();
    assertThat(security.get("protected").asBoolean()).isFalse();
    assertThat(security.get("corrupt-chunks-received").asLong()).isEqualTo(1);
    assertThat(security.get("corrupt-chunks-accepted").asLong()).isEqualTo(1);
    assertThat(security.get("completed-corrupt").asLong()).isEqualTo(1);
    assertThat(security.get("banned-peers").asLong()).isZero();
  }

  /** Lets the peer download chunks 0 and 1 from neighbour 3, then has neighbour 4 ask it for both. */
  private void downloadThenServeFour() {
    for (int chunk : unchokedByThree()) {
      kit.send(3, PEER, new Wire.Chunk(3, chunk, 1000));
    }
    kit.send(4, PEER, new Wire.Interest(4, true, 1));
    neighbour(4).receiveMessages(Wire.Have.class, 2);
    neighbour(4).expectMessage(new Wire.Choke(PEER, true, 1, 0));
    kit.send(4, PEER, new Wire.RequestChunk(4, 0));
    kit.send(4, PEER, new Wire.RequestChunk(4, 1));
  }

  @Test
  void aCorruptingPeerServesEveryChunkCorrupt() {
    malicious = new Malice.Share(Malice.CORRUPT, 1);
    start(2, slots(4), -1, 2);
    downloadThenServeFour();
    assertThat(neighbour(4).receiveMessages(Wire.Chunk.class, 2)).extracting(Wire.Chunk::corrupt).containsOnly(true);
  }

  @Test
  void aDroppingPeerTakesRequestsAndNeverServes() {
    malicious = new Malice.Share(Malice.DROP, 1);
    start(2, slots(4), -1, 2);
    downloadThenServeFour();
    neighbour(4).expectNoMessage(Duration.ofSeconds(5));
  }

  @Test
  void aLyingPeerClaimsEveryChunkAndServesOnlyThoseItHas() {
    malicious = new Malice.Share(Malice.LIE, 1);
    spawn(2, slots(4), -1);
    origin.expectMessage(new Wire.GetFile(PEER, "", false));
    kit.send(ORIGIN, PEER, new Wire.FileInfo(ORIGIN, "file", 10_000L, 1000));
    // It has nothing, and its first handshake claims all ten chunks.
    assertThat(Chunks.count(origin.expectMessage(Wire.Handshake.class).have())).isEqualTo(10);
    kit.send(6, PEER, new Wire.Handshake(6, "file", bits()));
    assertThat(Chunks.count(neighbour(6).expectMessage(Wire.Bitfield.class).have())).isEqualTo(10);
    kit.send(6, PEER, new Wire.Interest(6, true, 1));
    neighbour(6).expectMessage(new Wire.Choke(PEER, true, 1, 0));
    kit.send(6, PEER, new Wire.RequestChunk(6, 3));
    neighbour(6).expectNoMessage(Duration.ofSeconds(5));
  }

  @Test
  void aFractionOfAGroupMisbehavesSpreadEvenlyOverIt() {
    Malice.Share fifth = new Malice.Share(Malice.LIE, 0.2);
    assertThat(java.util.stream.IntStream.range(0, 10).filter(i -> fifth.of(i) == Malice.LIE)).containsExactly(4, 9);
    assertThat(fifth.count(10)).isEqualTo(2);
    Malice.Share quarter = new Malice.Share(Malice.DROP, 0.25);
    assertThat(java.util.stream.IntStream.range(0, 8).filter(i -> quarter.of(i) == Malice.DROP)).containsExactly(3, 7);
    Malice.Share all = new Malice.Share(Malice.CORRUPT, 1);
    assertThat(java.util.stream.IntStream.range(0, 5).filter(i -> all.of(i) == Malice.CORRUPT)).hasSize(5);
    Malice.Share none = new Malice.Share(Malice.CORRUPT, 0);
    assertThat(java.util.stream.IntStream.range(0, 5).filter(i -> none.of(i) == Malice.CORRUPT)).isEmpty();
  }
}
