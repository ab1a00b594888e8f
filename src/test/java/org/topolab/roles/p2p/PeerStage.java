package org.topolab.roles.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.topolab.distribution.Distribution;
import org.topolab.network.LinkSpec;
import org.topolab.network.NetMessage;
import org.topolab.testkit.Arrival;
import org.topolab.testkit.NodeProbe;
import org.topolab.testkit.NodeTestKit;

/**
 * The stage of the peer tests: in virtual time, probes stand in for the origin (node 0), the
 * tracker (node 1) and the neighbours (nodes 3 to 6) of the peer under test (node 2). The file has
 * chunks of 1000 bytes. Links are unlimited and there is no latency, so all that a message causes
 * has arrived when {@code kit.send} returns, and {@code receivedSoFar()} reads all of it.
 */
abstract class PeerStage {

  static final int ORIGIN = 0;
  static final int TRACKER = 1;
  static final int PEER = 2;
  static final long SECOND = 1_000_000_000L;

  NodeTestKit kit;
  NodeProbe origin;
  NodeProbe tracker;
  final List<NodeProbe> neighbours = new ArrayList<>();
  DownloadMetrics metrics;
  // How the peer spawned next checks chunks and behaves: by default it trusts, and behaves.
  boolean verifyChunks;
  Malice.Share malicious = Malice.Share.NONE;

  @BeforeEach
  void setUp() {
    kit =
        NodeTestKit.builder()
            .group("server", "file-server", 1, LinkSpec.UNLIMITED)
            .group("tracker", 1)
            .group("peer", "peer", 1, LinkSpec.UNLIMITED)
            .group("n", "peer", 4, LinkSpec.UNLIMITED)
            .build();
    origin = kit.probe(ORIGIN);
    tracker = kit.probe(TRACKER);
    for (int id = 3; id <= 6; id++) {
      neighbours.add(kit.probe(id));
    }
  }

  @AfterEach
  void tearDown() {
    kit.close();
  }

  /** Upload slots that rotate every 10 s. */
  static Uploader.Policy slots(int slots) {
    return new Uploader.Policy(slots, false, 10 * SECOND);
  }

  /** Starts the peer and walks it through the file's description and the tracker to neighbours 3, 4, 5. */
  void start(int requestsInFlight, Uploader.Policy uploading, long seedTimeNanos, int chunks) {
    spawn(requestsInFlight, uploading, seedTimeNanos);
    origin.expectMessage(new Wire.GetFile(PEER, "", verifyChunks));
    Manifest manifest = verifyChunks ? Manifest.of("file", chunks) : Manifest.NONE;
    kit.send(ORIGIN, PEER, new Wire.FileInfo(ORIGIN, "file", chunks * 1000L, 1000, manifest));
    Wire.Handshake toOrigin = origin.expectMessage(Wire.Handshake.class);
    assertThat(toOrigin.file()).isEqualTo("file");
    assertThat(Chunks.count(toOrigin.have())).isZero();
    tracker.expectMessage(new Wire.Join(PEER, "file", 10));
    kit.send(TRACKER, PEER, new Wire.Members(TRACKER, "file", new int[] {3, 4, 5}));
    for (int id = 3; id <= 5; id++) {
      Wire.Handshake handshake = neighbour(id).expectMessage(Wire.Handshake.class);
      assertThat(handshake.from()).isEqualTo(PEER);
      assertThat(Chunks.count(handshake.have())).isZero();
    }
    assertThat(neighbour(6).receivedSoFar()).isEmpty(); // not a member it was given
    // The origin and the members answer the handshakes (with nothing yet, for the tests to say
    // what they have); an unanswered handshake would be sent again.
    kit.send(ORIGIN, PEER, new Wire.Bitfield(ORIGIN, Chunks.empty(chunks)));
    for (int id = 3; id <= 5; id++) {
      kit.send(id, PEER, new Wire.Bitfield(id, Chunks.empty(chunks)));
    }
  }

  /** Spawns the peer, which asks ten members of the tracker and retries with the default timeouts. */
  void spawn(int requestsInFlight, Uploader.Policy uploading, long seedTimeNanos) {
    spawn(requestsInFlight, uploading, seedTimeNanos, 10 * SECOND);
  }

  /** As {@link #spawn(int, Uploader.Policy, long)}, asking the tracker for more every {@code announceNanos}. */
  void spawn(int requestsInFlight, Uploader.Policy uploading, long seedTimeNanos, long announceNanos) {
    Peer.Spec spec =
        new Peer.Spec(
            kit.group("tracker"), kit.group("server"), "", 10, announceNanos, requestsInFlight, uploading, Timeouts.Policy.DEFAULT,
            seedTimeNanos, new Distribution.Constant(0), verifyChunks, malicious);
    metrics = new DownloadMetrics(kit.window(), 1, new FluidBound(1, 1e9, 1e9, 1e9, true));
    kit.spawn(PEER, node -> Peer.create(node, spec, metrics, new LongAdder()));
  }

  NodeProbe neighbour(int id) {
    return neighbours.get(id - 3);
  }

  static long[] bits(int... chunks) {
    long[] bits = Chunks.empty(10);
    for (int chunk : chunks) {
      Chunks.set(bits, chunk);
    }
    return bits;
  }

  /** The chunks asked of neighbour {@code id} so far; it must have been sent nothing else. */
  List<Integer> requested(int id) {
    List<Integer> chunks = new ArrayList<>();
    for (Arrival<NetMessage> arrival : neighbour(id).receivedSoFar()) {
      assertThat(arrival.message()).as("sent to node %d", id).isInstanceOf(Wire.RequestChunk.class);
      chunks.add(((Wire.RequestChunk) arrival.message()).chunk());
    }
    return chunks;
  }

}
