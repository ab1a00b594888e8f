package org.topolab.roles.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.topolab.distribution.Distribution;
import org.topolab.metrics.Json;
import org.topolab.network.NetMessage;
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
    Downloader.Spec spec = new Downloader.Spec(kit.group("servers"), "movie", 3, Timeouts.Policy.DEFAULT, new Distribution.Constant(START));
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
    servers.expectNoMessage(Duration.ofMillis(900)); // short of the timeout (a second at least)
    // Each chunk that arrives lets one more request out at once, until none is left. Each server
    // answers what it was asked: the first server chunks 0 and 2, one uplink time apart, the
    // other chunk 1, beside chunk 0.
    long sent = kit.now();
    for (int chunk = 0; chunk < 3; chunk++) {
      int server = all.get(chunk).to();
      kit.send(server, DOWNLOADER, new Wire.Chunk(server, chunk, 1000));
    }
    long each = new Wire.Chunk(0, 0, 1000).sizeBytes() * NANOS_PER_BYTE;
    List<Arrival<Wire.GetChunk>> more = servers.receiveArrivals(Wire.GetChunk.class, 2);
    assertThat(more).extracting(request -> request.message().chunk()).containsExactly(3, 4);
    assertThat(more).extracting(Arrival::nanos).containsExactly(sent + each, sent + each);
    servers.expectNoMessage(Duration.ofMillis(900));
    all.addAll(more);
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).to()).as("server of chunk %d", i).isNotEqualTo(all.get(i - 1).to());
    }
    assertThat(metrics.completed()).isZero();
    // The last two are sent together from both servers; the download is complete when the longer
    // one is in.
    long last = kit.now();
    kit.send(all.get(3).to(), DOWNLOADER, new Wire.Chunk(all.get(3).to(), 3, 1000));
    kit.send(all.get(4).to(), DOWNLOADER, new Wire.Chunk(all.get(4).to(), 4, 500));
    kit.advanceUntil(() -> metrics.completed() == 1, Duration.ofSeconds(10));
    assertThat(kit.now()).isEqualTo(last + each);
    // Its distribution time counts from its own start.
    assertThat(metrics.distributionSeconds()).isEqualTo((last + each - START) / 1e9);
  }

  /** Starts a downloader of an 8-chunk file with {@code inFlight} requests in flight; returns the metrics. */
  private DownloadMetrics startEightChunks(int inFlight) {
    DownloadMetrics metrics = new DownloadMetrics(kit.window(), 1, new FluidBound(1, 1e9, 1e9, 0, false));
    Downloader.Spec spec = new Downloader.Spec(kit.group("servers"), "movie", inFlight, Timeouts.Policy.DEFAULT, new Distribution.Constant(START));
    kit.spawn(DOWNLOADER, node -> Downloader.create(node, spec, metrics));
    int asked = servers.expectArrival(Wire.GetFile.class).to();
    kit.send(asked, DOWNLOADER, new Wire.FileInfo(asked, "movie", 8000, 1000));
    return metrics;
  }

  private void serve(Arrival<Wire.GetChunk> request) {
    kit.send(request.to(), DOWNLOADER, new Wire.Chunk(request.to(), request.message().chunk(), 1000));
  }

  @Test
  void asksTheOtherServerAgainWhenNothingComesForATimeout() {
    DownloadMetrics metrics = startEightChunks(2);
    List<Arrival<Wire.GetChunk>> first = servers.receiveArrivals(Wire.GetChunk.class, 2);
    assertThat(first).extracting(request -> request.message().chunk()).containsExactly(0, 1);
    int lostAt = first.get(0).to();
    int otherServer = first.get(1).to();
    // Chunk 0 is lost on the way; chunk 1 comes, and chunk 2 is asked for.
    serve(first.get(1));
    Arrival<Wire.GetChunk> two = servers.expectArrival(Wire.GetChunk.class);
    assertThat(two.message().chunk()).isEqualTo(2);
    long progress = two.nanos();
    // Nothing more comes: a second (the shortest timeout) after the last chunk, the oldest request
    // goes to the other server, and the first is told to drop it.
    List<Arrival<NetMessage>> again = servers.receiveArrivals(2, Duration.ofSeconds(2));
    assertThat(again).extracting(Arrival::nanos).containsOnly(progress + Timeouts.Policy.DEFAULT.minNanos());
    assertThat(again).extracting(Arrival::message)
        .containsExactly(new Wire.Cancel(DOWNLOADER, 0), new Wire.GetChunk(DOWNLOADER, "movie", 0));
    assertThat(again).extracting(Arrival::to).containsExactly(lostAt, otherServer);
    ObjectNode report = Json.object();
    metrics.write(report);
    assertThat(report.get("downloads").get("resent-requests").asLong()).isEqualTo(1);
  }

  @Test
  void asksAgainAtOnceForARequestThatLaterOnesToTheSameServerOvertook() {
    DownloadMetrics metrics = startEightChunks(2);
    List<Arrival<Wire.GetChunk>> requests = new ArrayList<>(servers.receiveArrivals(Wire.GetChunk.class, 2));
    int lostAt = requests.get(0).to();
    // Chunk 0 is lost. Every other request is answered at once: the server that lost it answers
    // three later ones (chunks 2, 4 and 6), each asked a millisecond or more after chunk 0.
    for (int next = 1; next <= 5; next++) {
      serve(requests.get(next));
      requests.add(servers.expectArrival(Wire.GetChunk.class));
    }
    assertThat(requests.subList(2, 7)).extracting(request -> request.message().chunk()).containsExactly(2, 3, 4, 5, 6);
    assertThat(requests).filteredOn(request -> request.to() == lostAt).extracting(request -> request.message().chunk())
        .containsExactly(0, 2, 4, 6);
    assertThat(metrics.completed()).isZero();
    // The answer to chunk 6 is the third to pass chunk 0's request: chunk 0 is asked again at once,
    // long before any timeout, of the other server, and then chunk 7.
    long before = kit.now();
    serve(requests.get(6));
    List<Arrival<NetMessage>> next = servers.receiveArrivals(3, Duration.ofMillis(100));
    assertThat(next).extracting(Arrival::message).containsExactly(
        new Wire.Cancel(DOWNLOADER, 0), new Wire.GetChunk(DOWNLOADER, "movie", 0), new Wire.GetChunk(DOWNLOADER, "movie", 7));
    assertThat(next.get(0).to()).isEqualTo(lostAt);
    assertThat(next.get(1).to()).isNotEqualTo(lostAt);
    assertThat(next.get(1).nanos() - before).isLessThan(Timeouts.Policy.DEFAULT.minNanos() / 10);
    ObjectNode report = Json.object();
    metrics.write(report);
    assertThat(report.get("downloads").get("resent-requests").asLong()).isEqualTo(1);
  }

  @Test
  void asksTheNextServerForTheFileWhenTheAnswerIsLost() {
    DownloadMetrics metrics = new DownloadMetrics(kit.window(), 1, new FluidBound(1, 1e9, 1e9, 0, false));
    Downloader.Spec spec = new Downloader.Spec(kit.group("servers"), "movie", 2, Timeouts.Policy.DEFAULT, new Distribution.Constant(START));
    kit.spawn(DOWNLOADER, node -> Downloader.create(node, spec, metrics));
    Arrival<Wire.GetFile> ask = servers.expectArrival(Wire.GetFile.class);
    // No answer: a second later the other server is asked, then after two seconds the first again.
    Arrival<Wire.GetFile> again = servers.expectArrival(Wire.GetFile.class);
    assertThat(again.nanos()).isEqualTo(START + Timeouts.Policy.DEFAULT.minNanos());
    assertThat(again.to()).isNotEqualTo(ask.to());
    Arrival<Wire.GetFile> third = servers.expectArrival(Wire.GetFile.class);
    assertThat(third.nanos()).isEqualTo(again.nanos() + 2 * Timeouts.Policy.DEFAULT.minNanos());
    assertThat(third.to()).isEqualTo(ask.to());
    // Answered at last: the download goes on, and both answers to the copies count once.
    kit.send(third.to(), DOWNLOADER, new Wire.FileInfo(third.to(), "movie", 2000, 1000));
    kit.send(again.to(), DOWNLOADER, new Wire.FileInfo(again.to(), "movie", 2000, 1000));
    assertThat(servers.receiveMessages(Wire.GetChunk.class, 2)).extracting(Wire.GetChunk::chunk).containsExactly(0, 1);
    servers.expectNoMessage(Duration.ofMillis(900));
    ObjectNode report = Json.object();
    metrics.write(report);
    assertThat(report.get("downloads").get("resent-control").asLong()).isEqualTo(2);
  }
}
