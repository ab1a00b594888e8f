package org.topolab.roles.updates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.topolab.network.NetMessage;
import org.topolab.network.WireRoundTrip;

/** Every message of the gossip protocol crosses Pekko's serialisation (Jackson CBOR) intact, and declares its size. */
class GossipSerializationTest {

  @Test
  void everyMessageRoundTrips() throws Exception {
    List<NetMessage> messages = new ArrayList<>();
    for (Digest.Kind kind : Digest.Kind.values()) {
      messages.add(new Digest(3, 7, kind));
    }
    messages.add(new Shuffle(3, false, new int[] {3, 9, 12}, new int[] {0, 4, 2}));
    messages.add(new Shuffle(9, true, new int[] {}, new int[] {}));
    messages.add(new Update(3, 2, new long[] {1_000_000_000L, 2_000_000_000L}, 1024));
    try (WireRoundTrip wire = new WireRoundTrip()) {
      wire.assertRoundTrips(messages);
    }
  }

  @Test
  void aDigestIsTheHeaderAndAVersionNumberAndAShuffleEightBytesAnEntry() {
    assertThat(new Digest(3, 7, Digest.Kind.PUSH).sizeBytes()).isEqualTo(Update.HEADER_BYTES + 4);
    assertThat(new Shuffle(3, false, new int[] {3, 9, 12}, new int[] {0, 4, 2}).sizeBytes()).isEqualTo(Update.HEADER_BYTES + 4 + 3 * 8);
  }
}
