package org.topolab.roles.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.Arrival;
import org.topolab.testkit.NodeProbe;
import org.topolab.testkit.NodeTestKit;

/**
 * A file server (node 0) holding a 25,000-byte file in 10,000-byte chunks, in virtual time, with
 * probes as its clients (nodes 1 and 2). Its uplink is 8 Mbps, so a message of S bytes leaves it S
 * microseconds after it starts; every other link is unlimited and there is no latency.
 */
class FileServerTest {

  private static final int SERVER = 0;
  // S·8/U on an 8 Mbps uplink: a byte a microsecond.
  private static final long NANOS_PER_BYTE = 1_000;
  private static final long RECHOKE = 10_000_000_000L;

  private NodeTestKit kit;
  private NodeProbe first;
  private NodeProbe second;
  private final LongAdder uploaded = new LongAdder();

  @BeforeEach
  void setUp() {
    kit =
        NodeTestKit.builder()
            .group("server", "file-server", 1, "8Mbps", null, null)
            .group("clients", "downloader", 2, null, null, null)
            .build();
    first = kit.probe(1);
    second = kit.probe(2);
    FileServer.Spec spec =
        new FileServer.Spec(
            List.of(new FileServer.StoredFile("movie", 25_000), new FileServer.StoredFile("notes", 10)),
            10_000,
            new Uploader.Policy(1, false, RECHOKE));
    kit.spawn(SERVER, node -> FileServer.create(node, spec, uploaded));
  }

  @AfterEach
  void tearDown() {
    kit.close();
  }

  @Test
  void describesItsFiles() {
    kit.send(1, SERVER, new Wire.GetFile(1, ""));
    Wire.FileInfo movie = first.expectMessage(new Wire.FileInfo(SERVER, "movie", 25_000, 10_000));
    assertThat(movie.chunks()).isEqualTo(3);
    kit.send(1, SERVER, new Wire.GetFile(1, "notes"));
    first.expectMessage(new Wire.FileInfo(SERVER, "notes", 10, 10_000));
    kit.send(1, SERVER, new Wire.GetFile(1, "missing"));
    first.expectMessage(new Wire.FileInfo(SERVER, "missing", -1, 10_000));
  }

  @Test
  void servesEveryChunkAskedForInOrderTheLastOneShort() {
    kit.send(1, SERVER, new Wire.GetChunk(1, "movie", 2));
    kit.send(1, SERVER, new Wire.GetChunk(1, "movie", 0));
    kit.send(1, SERVER, new Wire.GetChunk(1, "movie", 3)); // no such chunk: ignored
    Wire.Chunk last = new Wire.Chunk(SERVER, 2, 5_000);
    Wire.Chunk whole = new Wire.Chunk(SERVER, 0, 10_000);
    assertThat(last.sizeBytes()).isGreaterThan(5_000);
    // Both are sent at once, in the order asked; the second leaves the uplink after the first.
    Arrival<Wire.Chunk> one = first.expectArrival(Wire.Chunk.class);
    assertThat(one.message()).isEqualTo(last);
    assertThat(one.nanos()).isEqualTo(last.sizeBytes() * NANOS_PER_BYTE);
    Arrival<Wire.Chunk> two = first.expectArrival(Wire.Chunk.class);
    assertThat(two.message()).isEqualTo(whole);
    assertThat(two.nanos()).isEqualTo((last.sizeBytes() + whole.sizeBytes()) * NANOS_PER_BYTE);
    first.expectNoMessage(Duration.ofSeconds(10));
    assertThat(uploaded.sum()).isEqualTo(15_000);
  }

  @Test
  void sharesItsUplinkAmongDownloaders() {
    kit.send(1, SERVER, new Wire.GetChunk(1, "movie", 0));
    kit.send(2, SERVER, new Wire.GetChunk(2, "movie", 1));
    Wire.Chunk chunk = new Wire.Chunk(SERVER, 0, 10_000);
    assertThat(first.expectArrival(Wire.Chunk.class).nanos()).isEqualTo(chunk.sizeBytes() * NANOS_PER_BYTE);
    assertThat(second.expectArrival(Wire.Chunk.class).nanos()).isEqualTo(2 * chunk.sizeBytes() * NANOS_PER_BYTE);
  }

  @Test
  void downloadersTakeTurnsForTheUplink() {
    // Client 1 asks for all three chunks, then client 2 for two: after the chunk already on its
    // way, they alternate, each served in the order it asked.
    for (int chunk = 0; chunk < 3; chunk++) {
      kit.send(1, SERVER, new Wire.GetChunk(1, "movie", chunk));
    }
    kit.send(2, SERVER, new Wire.GetChunk(2, "movie", 0));
    kit.send(2, SERVER, new Wire.GetChunk(2, "movie", 1));
    long whole = new Wire.Chunk(SERVER, 0, 10_000).sizeBytes() * NANOS_PER_BYTE;
    long last = new Wire.Chunk(SERVER, 2, 5_000).sizeBytes() * NANOS_PER_BYTE;
    List<Arrival<Wire.Chunk>> toFirst = first.receiveArrivals(Wire.Chunk.class, 3);
    assertThat(toFirst).extracting(arrival -> arrival.message().chunk()).containsExactly(0, 1, 2);
    assertThat(toFirst).extracting(Arrival::nanos).containsExactly(whole, 2 * whole, 3 * whole + last);
    List<Arrival<Wire.Chunk>> toSecond = second.receiveArrivals(Wire.Chunk.class, 2);
    assertThat(toSecond).extracting(arrival -> arrival.message().chunk()).containsExactly(0, 1);
    assertThat(toSecond).extracting(Arrival::nanos).containsExactly(3 * whole, 4 * whole + last);
  }

  /**
   * Clients 1 and 2 connect as peers and say they are interested; client 1 takes the one slot.
   * Every interest is answered: client 2's by its choke as it stands (number 0: none yet).
   */
  private void bothInterested() {
    for (int id = 1; id <= 2; id++) {
      kit.send(id, SERVER, new Wire.Handshake(id, "movie", Chunks.empty(3)));
      kit.send(id, SERVER, new Wire.Interest(id, true, 1));
    }
    assertThat(Chunks.count(first.expectMessage(Wire.Bitfield.class).have())).isEqualTo(3);
    first.expectMessage(new Wire.Choke(SERVER, true, 1, 0));
    assertThat(Chunks.count(second.expectMessage(Wire.Bitfield.class).have())).isEqualTo(3);
    second.expectMessage(new Wire.Choke(SERVER, false, 0, 0));
  }

  @Test
  void seedsASwarmThroughItsUploadSlots() {
    bothInterested();
    second.expectNoMessage(Duration.ofSeconds(5)); // one slot, taken
    long asked = kit.now();
    kit.send(1, SERVER, new Wire.RequestChunk(1, 1));
    Arrival<Wire.Chunk> served = first.expectArrival(Wire.Chunk.class);
    assertThat(served.message()).isEqualTo(new Wire.Chunk(SERVER, 1, 10_000));
    assertThat(served.nanos()).isEqualTo(asked + served.message().sizeBytes() * NANOS_PER_BYTE);
    // The first leaves: its slot goes to the one waiting.
    kit.send(1, SERVER, new Wire.Bye(1));
    second.expectMessage(new Wire.Choke(SERVER, true, 1, 0));
    kit.send(2, SERVER, new Wire.RequestChunk(2, 2));
    second.expectMessage(new Wire.Chunk(SERVER, 2, 5_000));
  }

  @Test
  void rotatesItsSlotAtEachRechoke() {
    bothInterested();
    // The interval runs from the first interest, at 0. The choke and the unchoke leave the uplink
    // one after the other, within two control messages' time.
    long window = 2 * new Wire.Choke(SERVER, true, 1, 0).sizeBytes() * NANOS_PER_BYTE;
    Arrival<Wire.Choke> unchoke = second.expectArrival(Wire.Choke.class);
    assertThat(unchoke.message()).isEqualTo(new Wire.Choke(SERVER, true, 1, 0));
    assertThat(unchoke.nanos()).isBetween(RECHOKE, RECHOKE + window);
    Arrival<Wire.Choke> choke = first.expectArrival(Wire.Choke.class);
    assertThat(choke.message()).isEqualTo(new Wire.Choke(SERVER, false, 2, 0));
    assertThat(choke.nanos()).isBetween(RECHOKE, RECHOKE + window);
    // And back at the next one.
    Arrival<Wire.Choke> back = first.expectArrival(Wire.Choke.class);
    assertThat(back.message()).isEqualTo(new Wire.Choke(SERVER, true, 3, 0));
    assertThat(back.nanos()).isBetween(2 * RECHOKE, 2 * RECHOKE + window);
    second.expectMessage(new Wire.Choke(SERVER, false, 2, 0));
  }

  @Test
  void sendsOneChunkAtATimeSoACancelCatchesTheRest() {
    bothInterested();
    long start = kit.now();
    for (int chunk = 0; chunk < 3; chunk++) {
      kit.send(1, SERVER, new Wire.RequestChunk(1, chunk));
    }
    Wire.Chunk zero = new Wire.Chunk(SERVER, 0, 10_000);
    Arrival<Wire.Chunk> served = first.expectArrival(Wire.Chunk.class);
    assertThat(served.message()).isEqualTo(zero);
    assertThat(served.nanos()).isEqualTo(start + zero.sizeBytes() * NANOS_PER_BYTE);
    // Chunk 1 is on the uplink now; chunk 2 is still queued at the server, so a cancel drops it.
    kit.send(1, SERVER, new Wire.Cancel(1, 2));
    Arrival<Wire.Chunk> next = first.expectArrival(Wire.Chunk.class);
    assertThat(next.message()).isEqualTo(new Wire.Chunk(SERVER, 1, 10_000));
    assertThat(next.nanos()).isEqualTo(start + 2 * zero.sizeBytes() * NANOS_PER_BYTE);
    first.expectNoMessage(Duration.ofSeconds(5)); // short of the rechoke, which would choke it
    assertThat(uploaded.sum()).isEqualTo(20_000);
  }

  @Test
  void servesARequestAskedAgainOnceAndTellsAChokedAskerItIsChoked() {
    bothInterested();
    // Asked twice while it waits (the asker suspected a loss): sent once.
    kit.send(1, SERVER, new Wire.RequestChunk(1, 0));
    kit.send(1, SERVER, new Wire.RequestChunk(1, 1));
    kit.send(1, SERVER, new Wire.RequestChunk(1, 1));
    assertThat(first.receiveMessages(Wire.Chunk.class, 2)).extracting(Wire.Chunk::chunk).containsExactly(0, 1);
    first.expectNoMessage(Duration.ofSeconds(5));
    // Client 2, choked, asks anyway (its choke lost, say): it is told its choke again, not served.
    kit.send(2, SERVER, new Wire.RequestChunk(2, 2));
    second.expectMessage(new Wire.Choke(SERVER, false, 0, 0));
    // A repeated interest is answered with the state as it stands; the count says 2 chunks went to client 1.
    kit.send(1, SERVER, new Wire.Interest(1, true, 2));
    first.expectMessage(new Wire.Choke(SERVER, true, 1, 2));
    second.expectNoMessage(Duration.ofSeconds(1));
    assertThat(uploaded.sum()).isEqualTo(20_000);
  }

  @Test
  void repeatsAnUnchokeThatGotNoRequestForAWholeInterval() {
    kit.send(1, SERVER, new Wire.Handshake(1, "movie", Chunks.empty(3)));
    kit.send(1, SERVER, new Wire.Interest(1, true, 1));
    first.expectMessage(Wire.Bitfield.class);
    first.expectMessage(new Wire.Choke(SERVER, true, 1, 0));
    // Interested and unchoked, client 1 asks for nothing for a whole interval, as if it had missed
    // the unchoke: at the rechoke it is sent again, with the same number.
    Arrival<Wire.Choke> again = first.expectArrival(Wire.Choke.class);
    assertThat(again.message()).isEqualTo(new Wire.Choke(SERVER, true, 1, 0));
    assertThat(again.nanos()).isBetween(RECHOKE, RECHOKE + 100_000);
    // Once it asks, the next rechoke repeats nothing.
    kit.send(1, SERVER, new Wire.RequestChunk(1, 0));
    first.expectMessage(new Wire.Chunk(SERVER, 0, 10_000));
    first.expectNoMessage(Duration.ofSeconds(15));
  }

  @Test
  void keepsADownloadersRepeatedRequestInItsPlaceAndDropsACancelledOne() {
    kit.send(1, SERVER, new Wire.GetChunk(1, "movie", 0));
    kit.send(1, SERVER, new Wire.GetChunk(1, "movie", 1));
    kit.send(2, SERVER, new Wire.GetChunk(2, "movie", 2));
    kit.send(1, SERVER, new Wire.GetChunk(1, "movie", 1)); // asked again while it waits: keeps its place
    kit.send(2, SERVER, new Wire.Cancel(2, 2)); // waiting behind chunk 1: dropped
    assertThat(first.receiveMessages(Wire.Chunk.class, 2)).extracting(Wire.Chunk::chunk).containsExactly(0, 1);
    first.expectNoMessage(Duration.ofSeconds(1));
    second.expectNoMessage(Duration.ZERO);
    assertThat(uploaded.sum()).isEqualTo(20_000);
  }

  @Test
  void keepsServingWhenANeighbourLeavesWithRequestsQueued() {
    bothInterested();
    for (int chunk = 0; chunk < 3; chunk++) {
      kit.send(1, SERVER, new Wire.RequestChunk(1, chunk));
    }
    kit.send(1, SERVER, new Wire.Bye(1));
    second.expectMessage(new Wire.Choke(SERVER, true, 1, 0));
    kit.send(2, SERVER, new Wire.RequestChunk(2, 0));
    second.expectMessage(new Wire.Chunk(SERVER, 0, 10_000));
    // The one that left got the chunk already on its way, and nothing of what it had queued.
    assertThat(first.receivedSoFar()).extracting(Arrival::message).containsExactly(new Wire.Chunk(SERVER, 0, 10_000));
  }
}
