package org.topolab.roles.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.topolab.roles.p2p.Probes.drain;
import static org.topolab.roles.p2p.Probes.expect;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.topolab.distribution.Distribution;
import org.topolab.testing.ProbeNetwork;

/**
 * The peer protocol, with test probes standing in for the origin (node 0), the tracker (node 1)
 * and the neighbours (nodes 3 to 6) of the peer under test (node 2). The file has 10 chunks of
 * 1000 bytes.
 */
class PeerTest {

  private static final int ORIGIN = 0;
  private static final int TRACKER = 1;
  private static final int PEER = 2;

  private ActorTestKit kit;
  private ProbeNetwork net;
  private TestProbe<Object> origin;
  private TestProbe<Object> tracker;
  private final List<TestProbe<Object>> neighbours = new ArrayList<>();
  private DownloadMetrics metrics;

  @BeforeEach
  void setUp() {
    kit = ActorTestKit.create();
    net = ProbeNetwork.of(kit, "server:file-server:1", "tracker:tracker:1", "peer:peer:1", "n:peer:4");
    origin = net.probe(ORIGIN, Object.class);
    tracker = net.probe(TRACKER, Object.class);
    for (int id = 3; id <= 6; id++) {
      neighbours.add(net.probe(id, Object.class));
    }
  }

  @AfterEach
  void tearDown() {
    net.close();
    kit.shutdownTestKit();
  }

  /** Starts the peer and walks it through the file's description and the tracker to neighbours 3, 4, 5. */
  private void start(int requestsInFlight, int uploadSlots, long seedTimeNanos, int chunks) {
    start(requestsInFlight, new Uploader.Policy(uploadSlots, false, 10_000_000_000L), seedTimeNanos, chunks);
  }

  private void start(int requestsInFlight, Uploader.Policy uploading, long seedTimeNanos, int chunks) {
    Peer.Spec spec =
        new Peer.Spec(
            net.group("tracker"),
            net.group("server"),
            "",
            10,
            requestsInFlight,
            uploading,
            seedTimeNanos,
            new Distribution.Constant(0));
    metrics = new DownloadMetrics(net.window(), 1, new FluidBound(1, 1e9, 1e9, 1e9, true));
    net.spawn(PEER, Peer.create(net.context(PEER), spec, metrics, new LongAdder()));
    assertThat(expect(origin, Wire.GetFile.class).file()).isEmpty();
    net.send(ORIGIN, PEER, new Wire.FileInfo(ORIGIN, "file", chunks * 1000L, 1000));
    assertThat(expect(origin, Wire.Handshake.class).file()).isEqualTo("file");
    Wire.Join join = expect(tracker, Wire.Join.class);
    assertThat(join.from()).isEqualTo(PEER);
    net.send(TRACKER, PEER, new Wire.Members(TRACKER, "file", new int[] {3, 4, 5}));
    for (int id = 3; id <= 5; id++) {
      Wire.Handshake handshake = expect(neighbour(id), Wire.Handshake.class);
      assertThat(Chunks.count(handshake.have())).isZero();
    }
  }

  private TestProbe<Object> neighbour(int id) {
    return neighbours.get(id - 3);
  }

  private static long[] bits(int... chunks) {
    long[] bits = Chunks.empty(10);
    for (int chunk : chunks) {
      Chunks.set(bits, chunk);
    }
    return bits;
  }

  /** The chunks asked of {@code probe} until it has been quiet for a while. */
  private static List<Integer> drainRequests(TestProbe<Object> probe) {
    return drain(probe, Wire.RequestChunk.class).stream().map(Wire.RequestChunk::chunk).toList();
  }

  @Test
  void exchangesBitfieldsOnConnectAndAnnouncesNewChunks() {
    start(4, 4, -1, 10);
    net.send(3, PEER, new Wire.Bitfield(3, bits(0, 1)));
    assertThat(expect(neighbour(3), Wire.Interest.class).interested()).isTrue();
    net.send(3, PEER, new Wire.Choke(3, true, 1));
    int asked = expect(neighbour(3), Wire.RequestChunk.class).chunk();
    assertThat(asked).isIn(0, 1);
    net.send(3, PEER, new Wire.Chunk(3, asked, 1000));
    // Neighbours that lack the chunk hear of it; the one that sent it is not told.
    assertThat(expect(neighbour(4), Wire.Have.class).chunk()).isEqualTo(asked);
    assertThat(expect(neighbour(5), Wire.Have.class).chunk()).isEqualTo(asked);
    // A peer that connects on its own gets the bitfield as it is now, and interest if it has something new.
    net.send(6, PEER, new Wire.Handshake(6, "file", bits(asked, 7)));
    Wire.Bitfield reply = expect(neighbour(6), Wire.Bitfield.class);
    assertThat(Chunks.count(reply.have())).isEqualTo(1);
    assertThat(Chunks.has(reply.have(), asked)).isTrue();
    assertThat(expect(neighbour(6), Wire.Interest.class).interested()).isTrue();
  }

  @Test
  void asksForTheRarestChunkFirst() {
    start(1, 4, -1, 10);
    net.send(3, PEER, new Wire.Bitfield(3, bits(0, 1, 2)));
    net.send(4, PEER, new Wire.Bitfield(4, bits(1, 2)));
    net.send(5, PEER, new Wire.Bitfield(5, bits(2)));
    expect(neighbour(5), Wire.Interest.class); // all three bitfields have arrived
    net.send(3, PEER, new Wire.Choke(3, true, 1));
    // Chunk 0 is held by one neighbour, chunk 1 by two, chunk 2 by three.
    assertThat(expect(neighbour(3), Wire.RequestChunk.class).chunk()).isZero();
    net.send(3, PEER, new Wire.Chunk(3, 0, 1000));
    assertThat(expect(neighbour(3), Wire.RequestChunk.class).chunk()).isEqualTo(1);
    net.send(3, PEER, new Wire.Chunk(3, 1, 1000));
    assertThat(expect(neighbour(3), Wire.RequestChunk.class).chunk()).isEqualTo(2);
  }

  @Test
  void keepsAtMostRequestsInFlightSpreadOverNeighbours() {
    start(3, 4, -1, 10);
    long[] all = bits(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    net.send(3, PEER, new Wire.Bitfield(3, all));
    net.send(4, PEER, new Wire.Bitfield(4, all));
    expect(neighbour(3), Wire.Interest.class);
    expect(neighbour(4), Wire.Interest.class);
    net.send(3, PEER, new Wire.Choke(3, true, 1));
    net.send(4, PEER, new Wire.Choke(4, true, 1));
    List<Integer> fromThree = drainRequests(neighbour(3));
    List<Integer> fromFour = drainRequests(neighbour(4));
    assertThat(fromThree.size() + fromFour.size()).isEqualTo(3);
    assertThat(fromThree).isNotEmpty().doesNotContainAnyElementsOf(fromFour);
    assertThat(fromFour).isNotEmpty();
    // One delivered: exactly one more request goes out.
    net.send(3, PEER, new Wire.Chunk(3, fromThree.get(0), 1000));
    List<Integer> more = new ArrayList<>(drainRequests(neighbour(3)));
    more.addAll(drainRequests(neighbour(4)));
    assertThat(more).hasSize(1).doesNotContainAnyElementsOf(fromThree).doesNotContainAnyElementsOf(fromFour);
  }

  /** Lets the peer download both chunks of a 2-chunk file from neighbour 3. */
  private void downloadBothChunksFromThree() {
    net.send(3, PEER, new Wire.Bitfield(3, bits(0, 1)));
    expect(neighbour(3), Wire.Interest.class);
    net.send(3, PEER, new Wire.Choke(3, true, 1));
    net.send(3, PEER, new Wire.Chunk(3, expect(neighbour(3), Wire.RequestChunk.class).chunk(), 1000));
    net.send(3, PEER, new Wire.Chunk(3, expect(neighbour(3), Wire.RequestChunk.class).chunk(), 1000));
    assertThat(expect(neighbour(3), Wire.Interest.class).interested()).isFalse();
    neighbour(3).awaitAssert(() -> assertThat(metrics.completed()).isEqualTo(1));
  }

  @Test
  void seedsAfterCompletingThenLeaves() {
    start(2, 1, 300_000_000L, 2);
    downloadBothChunksFromThree();
    // Complete, it serves: neighbour 4 asks, is unchoked, and gets its chunk. With one upload
    // slot, neighbour 5 waits.
    net.send(4, PEER, new Wire.Interest(4, true, 1));
    net.send(5, PEER, new Wire.Interest(5, true, 1));
    assertThat(expect(neighbour(4), Wire.Choke.class).unchoked()).isTrue();
    net.send(4, PEER, new Wire.RequestChunk(4, 1));
    Wire.Chunk served = expect(neighbour(4), Wire.Chunk.class);
    assertThat(served.chunk()).isEqualTo(1);
    assertThat(served.bytes()).isEqualTo(1000);
    // After the seed time it says goodbye to its neighbours and leaves the tracker's list;
    // neighbour 5 was never unchoked.
    expect(neighbour(4), Wire.Bye.class);
    List<Object> toFive = new ArrayList<>();
    do {
      toFive.add(neighbour(5).receiveMessage());
    } while (!(toFive.get(toFive.size() - 1) instanceof Wire.Bye));
    assertThat(toFive).noneMatch(Wire.Choke.class::isInstance);
    assertThat(expect(tracker, Wire.Leave.class).from()).isEqualTo(PEER);
  }

  @Test
  void asksAgainElsewhereWhenANeighbourLeavesMidTransfer() {
    start(2, 4, -1, 10);
    net.send(3, PEER, new Wire.Bitfield(3, bits(0, 1)));
    net.send(4, PEER, new Wire.Bitfield(4, bits(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)));
    net.send(5, PEER, new Wire.Bitfield(5, bits(2, 3, 4, 5, 6, 7, 8, 9)));
    expect(neighbour(5), Wire.Interest.class);
    net.send(3, PEER, new Wire.Choke(3, true, 1));
    assertThat(drainRequests(neighbour(3))).containsExactlyInAnyOrder(0, 1);
    net.send(4, PEER, new Wire.Choke(4, true, 1));
    assertThat(drainRequests(neighbour(4))).isEmpty(); // the pipeline is full
    // Neighbour 3 leaves with both requests unanswered: they go to neighbour 4, which now holds
    // the only copies of chunks 0 and 1 (the rarest).
    net.send(3, PEER, new Wire.Bye(3));
    assertThat(drainRequests(neighbour(4))).containsExactlyInAnyOrder(0, 1);
  }

  @Test
  void titForTatKeepsTheSlotForWhoeverUploadedMost() {
    start(2, new Uploader.Policy(2, true, 1_500_000_000L), -1, 2);
    downloadBothChunksFromThree();
    for (int id = 4; id <= 6; id++) {
      net.send(id, PEER, new Wire.Interest(id, true, 1));
    }
    assertThat(expect(neighbour(4), Wire.Choke.class).unchoked()).isTrue();
    assertThat(expect(neighbour(5), Wire.Choke.class).unchoked()).isTrue();
    // Neighbour 6 waits for a slot, and meanwhile uploads to the peer.
    net.send(6, PEER, new Wire.Chunk(6, 0, 1000));
    // At the rechoke it gets the slot kept for the best uploader; the other slot goes to one of 4
    // and 5 (the optimistic unchoke), and the other of them is choked. The next rechoke comes
    // 1.5 s later, once this test has read everything.
    assertThat(expect(neighbour(6), Wire.Choke.class).unchoked()).isTrue();
    List<Wire.Choke> toFour = drain(neighbour(4), Wire.Choke.class);
    List<Wire.Choke> toFive = drain(neighbour(5), Wire.Choke.class);
    assertThat(toFour.size() + toFive.size()).isEqualTo(1);
    assertThat(toFour.isEmpty() ? toFive.get(0).unchoked() : toFour.get(0).unchoked()).isFalse();
  }
}
