package org.topolab.roles.discovery.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.topolab.network.WireRoundTrip;

/** The directory's messages cross Pekko's serialisation (Jackson CBOR) intact, with the sizes the protocol holds. */
class DirectorySerializationTest {

  @Test
  void everyMessageRoundTrips() throws Exception {
    try (WireRoundTrip wire = new WireRoundTrip()) {
      wire.assertRoundTrips(List.of(
          new DirectoryWire.Register(3, new int[] {0, 7, 999_999}),
          new DirectoryWire.Query(4, Integer.MAX_VALUE, 12),
          new DirectoryWire.Answer(5, new int[] {1, 2}),
          new DirectoryWire.Answer(6, new int[0])));
    }
  }

  @Test
  void sizesCountHeadersKeysAndAddresses() {
    // 40 bytes of IPv4 and TCP, 1 of type, 4 of request id; a key is 20 bytes, an address 6.
    assertThat(new DirectoryWire.Query(1, 2, 3).sizeBytes()).isEqualTo(45 + 20);
    assertThat(new DirectoryWire.Register(1, new int[3]).sizeBytes()).isEqualTo(45 + 60);
    assertThat(new DirectoryWire.Answer(1, new int[2]).sizeBytes()).isEqualTo(45 + 12);
  }
}
