package org.topolab.roles.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.topolab.testing.ProbeNetwork;

/** A file server (node 0) holding a 2500-byte file in 1000-byte chunks, with probes as its clients. */
class FileServerTest {

  private ActorTestKit kit;
  private ProbeNetwork net;
  private final LongAdder uploaded = new LongAdder();

  @BeforeEach
  void setUp() {
    kit = ActorTestKit.create();
    net = ProbeNetwork.of(kit, "server:file-server:1", "clients:downloader:3");
    FileServer.Spec spec =
        new FileServer.Spec(
            List.of(new FileServer.StoredFile("movie", 2500), new FileServer.StoredFile("notes", 10)),
            1000,
            new Uploader.Policy(1, false, 10_000_000_000L));
    net.spawn(0, FileServer.create(net.context(0), spec, uploaded));
  }

  @AfterEach
  void tearDown() {
    net.close();
    kit.shutdownTestKit();
  }

  @Test
  void describesItsFiles() {
    TestProbe<Object> client = net.probe(1, Object.class);
    net.send(1, 0, new Wire.GetFile(1, ""));
    Wire.FileInfo first = client.expectMessageClass(Wire.FileInfo.class);
    assertThat(first.file()).isEqualTo("movie");
    assertThat(first.size()).isEqualTo(2500);
    assertThat(first.chunks()).isEqualTo(3);
    net.send(1, 0, new Wire.GetFile(1, "notes"));
    assertThat(client.expectMessageClass(Wire.FileInfo.class).size()).isEqualTo(10);
    net.send(1, 0, new Wire.GetFile(1, "missing"));
    assertThat(client.expectMessageClass(Wire.FileInfo.class).size()).isEqualTo(-1);
  }

  @Test
  void servesEveryChunkAskedForTheLastOneShort() {
    TestProbe<Object> client = net.probe(1, Object.class);
    net.send(1, 0, new Wire.GetChunk(1, "movie", 2));
    net.send(1, 0, new Wire.GetChunk(1, "movie", 0));
    net.send(1, 0, new Wire.GetChunk(1, "movie", 3)); // no such chunk: ignored
    Wire.Chunk last = client.expectMessageClass(Wire.Chunk.class);
    assertThat(last.chunk()).isEqualTo(2);
    assertThat(last.bytes()).isEqualTo(500);
    assertThat(last.sizeBytes()).isGreaterThan(500);
    assertThat(client.expectMessageClass(Wire.Chunk.class).bytes()).isEqualTo(1000);
    client.expectNoMessage();
    assertThat(uploaded.sum()).isEqualTo(1500);
  }

  @Test
  void seedsASwarmThroughItsUploadSlots() {
    TestProbe<Object> first = net.probe(1, Object.class);
    TestProbe<Object> second = net.probe(2, Object.class);
    net.send(1, 0, new Wire.Handshake(1, "movie", Chunks.empty(3)));
    net.send(2, 0, new Wire.Handshake(2, "movie", Chunks.empty(3)));
    assertThat(Chunks.count(first.expectMessageClass(Wire.Bitfield.class).have())).isEqualTo(3);
    second.expectMessageClass(Wire.Bitfield.class);
    net.send(1, 0, new Wire.Interest(1, true, 1));
    net.send(2, 0, new Wire.Interest(2, true, 1));
    assertThat(first.expectMessageClass(Wire.Choke.class).unchoked()).isTrue();
    second.expectNoMessage(); // one slot, taken
    net.send(1, 0, new Wire.RequestChunk(1, 1));
    assertThat(first.expectMessageClass(Wire.Chunk.class).chunk()).isEqualTo(1);
    // The first leaves: its slot goes to the one waiting.
    net.send(1, 0, new Wire.Bye(1));
    assertThat(second.expectMessageClass(Wire.Choke.class).unchoked()).isTrue();
    net.send(2, 0, new Wire.RequestChunk(2, 2));
    assertThat(second.expectMessageClass(Wire.Chunk.class).bytes()).isEqualTo(500);
  }

  @Test
  void keepsServingWhenANeighbourLeavesWithRequestsQueued() {
    TestProbe<Object> first = net.probe(1, Object.class);
    TestProbe<Object> second = net.probe(2, Object.class);
    net.send(1, 0, new Wire.Handshake(1, "movie", Chunks.empty(3)));
    net.send(1, 0, new Wire.Interest(1, true, 1));
    first.expectMessageClass(Wire.Bitfield.class);
    first.expectMessageClass(Wire.Choke.class);
    net.send(2, 0, new Wire.Handshake(2, "movie", Chunks.empty(3)));
    net.send(2, 0, new Wire.Interest(2, true, 1));
    second.expectMessageClass(Wire.Bitfield.class);
    for (int chunk = 0; chunk < 3; chunk++) {
      net.send(1, 0, new Wire.RequestChunk(1, chunk));
    }
    net.send(1, 0, new Wire.Bye(1));
    assertThat(second.expectMessageClass(Wire.Choke.class).unchoked()).isTrue();
    net.send(2, 0, new Wire.RequestChunk(2, 0));
    assertThat(second.expectMessageClass(Wire.Chunk.class).chunk()).isZero();
  }
}
