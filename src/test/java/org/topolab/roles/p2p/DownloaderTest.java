package org.topolab.roles.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.topolab.distribution.Distribution;
import org.topolab.testkit.Arrival;
import org.topolab.testkit.NodeProbe;
import org.topolab.testkit.NodeTestKit;

/**
 * A downloader (node 2) fetching a 5-chunk file from two file servers (one probe for nodes 0 and
 * 1), in virtual time. The servers' uplinks are 8 Mbps, so a message of S bytes they send arrives S
 * microseconds later; the downloader's links are unlimited and there is no latency.
 */
class DownloaderTest {

  private static final int DOWNLOADER = 2;
  // S·8/U on an 8 Mbps uplink: a byte a microsecond.
  private static final long NANOS_PER_BYTE = 1_000;
  private static final long START = 1_000_000_000L;

  private NodeTestKit kit;
  private NodeProbe servers;

  @BeforeEach
  void setUp() {
    kit =
        NodeTestKit.builder()
            .group("servers", "file-server", 2, "8Mbps", null, null)
            .group("downloader", "downloader", 1, null, null, null)
            .build();
    servers = kit.probe(0, 1);
  }

  @AfterEach
  void tearDown() {
    kit.close();
  }

  @Test
  void keepsItsRequestsInFlightAcrossTheServersUntilComplete() {
    DownloadMetrics metrics = new DownloadMetrics(kit.window(), 1, new FluidBound(1, 1e9, 1e9, 0, false));
    Downloader.Spec spec = new Downloader.Spec(kit.group("servers"), "movie", 3, new Distribution.Constant(START));
    kit.spawn(DOWNLOADER, node -> Downloader.create(node, spec, metrics));
    // It starts at its start time by asking one of the servers for the file.
    Arrival<Wire.GetFile> ask = servers.expectArrival(Wire.GetFile.class);
    assertThat(ask.nanos()).isEqualTo(START);
    assertThat(ask.message()).isEqualTo(new Wire.GetFile(DOWNLOADER, "movie"));
    int asked = ask.to();
    kit.send(asked, DOWNLOADER, new Wire.FileInfo(asked, "movie", 4500, 1000));
    // Three requests in flight at once, for the first chunks, round-robin over the servers; no more.
    List<Arrival<Wire.GetChunk>> all = new ArrayList<>(servers.receiveArrivals(Wire.GetChunk.class, 3));
    assertThat(all).extracting(request -> request.message().chunk()).containsExactly(0, 1, 2);
    assertThat(all).extracting(Arrival::nanos).containsOnly(kit.now());
    servers.expectNoMessage(Duration.ofSeconds(10));
    // Each chunk that arrives lets one more request out at once, until none is left. Three chunks
    // sent together from server 0 arrive one uplink time apart.
    long sent = kit.now();
    for (int chunk = 0; chunk < 3; chunk++) {
      kit.send(0, DOWNLOADER, new Wire.Chunk(0, chunk, 1000));
    }
    long each = new Wire.Chunk(0, 0, 1000).sizeBytes() * NANOS_PER_BYTE;
    List<Arrival<Wire.GetChunk>> more = servers.receiveArrivals(Wire.GetChunk.class, 2);
    assertThat(more).extracting(request -> request.message().chunk()).containsExactly(3, 4);
    assertThat(more).extracting(Arrival::nanos).containsExactly(sent + each, sent + 2 * each);
    servers.expectNoMessage(Duration.ofSeconds(10));
    all.addAll(more);
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).to()).as("server of chunk %d", i).isNotEqualTo(all.get(i - 1).to());
    }
    assertThat(metrics.completed()).isZero();
    // The last two are sent together from both servers; the download is complete when the longer
    // one is in.
    long last = kit.now();
    kit.send(0, DOWNLOADER, new Wire.Chunk(0, 3, 1000));
    kit.send(1, DOWNLOADER, new Wire.Chunk(1, 4, 500));
    kit.advanceUntil(() -> metrics.completed() == 1, Duration.ofSeconds(10));
    assertThat(kit.now()).isEqualTo(last + each);
    // Its distribution time counts from its own start.
    assertThat(metrics.distributionSeconds()).isEqualTo((last + each - START) / 1e9);
  }
}
