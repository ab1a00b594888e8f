package org.topolab.roles.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.NodeProbe;
import org.topolab.testkit.NodeTestKit;

/** A file's manifest: SHA-256 of each chunk's content as docs/security.md encodes it, given by the origin when asked. */
class ManifestTest {

  /** SHA-256 of "movie", a zero byte, the index in 4 bytes big-endian and 0 (genuine) or 1 (corrupt), by hand. */
  private static byte[] digest(int chunk, int corrupt) throws Exception {
    byte[] name = "movie".getBytes(StandardCharsets.US_ASCII);
    byte[] content = new byte[name.length + 6];
    System.arraycopy(name, 0, content, 0, name.length);
    content[name.length + 1] = (byte) (chunk >>> 24);
    content[name.length + 2] = (byte) (chunk >>> 16);
    content[name.length + 3] = (byte) (chunk >>> 8);
    content[name.length + 4] = (byte) chunk;
    content[name.length + 5] = (byte) corrupt;
    return MessageDigest.getInstance("SHA-256").digest(content);
  }

  @Test
  void holdsTheDigestOfEachGenuineChunkAndNoneOfACorruptOne() throws Exception {
    Manifest manifest = Manifest.of("movie", 3);
    assertThat(manifest.sizeBytes()).isEqualTo(3 * 32);
    for (int chunk = 0; chunk < 3; chunk++) {
      assertThat(manifest.matches(chunk, digest(chunk, 0))).as("chunk %d", chunk).isTrue();
      assertThat(manifest.matches(chunk, digest(chunk, 1))).as("corrupt chunk %d", chunk).isFalse();
    }
    assertThat(manifest.matches(1, digest(0, 0))).isFalse(); // another chunk's content
    assertThat(manifest.matches(3, digest(3, 0))).isFalse(); // past the end
    assertThat(Manifest.NONE.matches(0, digest(0, 0))).isFalse();
  }

  @Test
  void theOriginGivesItWithTheDescriptionWhenAskedAndItCountsOnTheWire() {
    try (NodeTestKit kit =
        NodeTestKit.builder().group("server", "file-server", 1, null, null, null).group("peers", "peer", 1, null, null, null).build()) {
      NodeProbe peer = kit.probe(1);
      FileServer.Spec spec =
          new FileServer.Spec(List.of(new FileServer.StoredFile("movie", 25_000)), 10_000, new Uploader.Policy(1, false, 10_000_000_000L));
      kit.spawn(0, node -> FileServer.create(node, spec, new LongAdder()));
      kit.send(1, 0, new Wire.GetFile(1, "movie", true));
      Wire.FileInfo with = peer.expectMessage(Wire.FileInfo.class);
      assertThat(with.manifest()).isEqualTo(Manifest.of("movie", 3));
      kit.send(1, 0, new Wire.GetFile(1, "movie"));
      Wire.FileInfo without = peer.expectMessage(Wire.FileInfo.class);
      assertThat(without.manifest()).isEqualTo(Manifest.NONE);
      assertThat(with.sizeBytes() - without.sizeBytes()).isEqualTo(3 * 32);
    }
  }
}
