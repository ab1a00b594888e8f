package org.topolab.roles.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.topolab.roles.p2p.Probes.drain;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.topolab.distribution.Distribution;
import org.topolab.testing.ProbeNetwork;

/** A downloader (node 2) fetching a 5-chunk file from two file servers (probes 0 and 1). */
class DownloaderTest {

  private ActorTestKit kit;
  private ProbeNetwork net;

  @BeforeEach
  void setUp() {
    kit = ActorTestKit.create();
    net = ProbeNetwork.of(kit, "servers:file-server:2", "downloader:downloader:1");
  }

  @AfterEach
  void tearDown() {
    net.close();
    kit.shutdownTestKit();
  }

  @Test
  void keepsItsRequestsInFlightAcrossTheServersUntilComplete() {
    List<TestProbe<Object>> servers = List.of(net.probe(0, Object.class), net.probe(1, Object.class));
    DownloadMetrics metrics = new DownloadMetrics(net.window(), 1, new FluidBound(1, 1e9, 1e9, 0, false));
    Downloader.Spec spec = new Downloader.Spec(net.group("servers"), "movie", 3, new Distribution.Constant(0));
    net.spawn(2, Downloader.create(net.context(2), spec, metrics));
    int asked = drain(servers.get(0), Wire.GetFile.class).isEmpty() ? 1 : 0;
    net.send(asked, 2, new Wire.FileInfo(asked, "movie", 4500, 1000));
    // Three requests in flight, spread over both servers.
    List<Integer> first = chunksAsked(servers.get(0));
    List<Integer> second = chunksAsked(servers.get(1));
    assertThat(first).isNotEmpty();
    assertThat(second).isNotEmpty();
    List<Integer> all = new ArrayList<>(first);
    all.addAll(second);
    assertThat(all).containsExactlyInAnyOrder(0, 1, 2);
    // Each chunk that arrives lets one more request out, until none is left.
    for (int chunk = 0; chunk < 3; chunk++) {
      net.send(0, 2, new Wire.Chunk(0, chunk, 1000));
    }
    List<Integer> more = new ArrayList<>(chunksAsked(servers.get(0)));
    more.addAll(chunksAsked(servers.get(1)));
    assertThat(more).containsExactlyInAnyOrder(3, 4);
    assertThat(metrics.completed()).isZero();
    net.send(0, 2, new Wire.Chunk(0, 3, 1000));
    net.send(1, 2, new Wire.Chunk(1, 4, 500));
    servers.get(0).awaitAssert(() -> assertThat(metrics.completed()).isEqualTo(1));
  }

  private static List<Integer> chunksAsked(TestProbe<Object> server) {
    return drain(server, Wire.GetChunk.class).stream().map(Wire.GetChunk::chunk).toList();
  }
}
