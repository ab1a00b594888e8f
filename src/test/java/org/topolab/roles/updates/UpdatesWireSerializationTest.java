package org.topolab.roles.updates;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.topolab.network.WireRoundTrip;

/** Every message of the publisher and its subscribers crosses Pekko's serialisation (Jackson CBOR) intact. */
class UpdatesWireSerializationTest {

  @Test
  void everyMessageRoundTrips() throws Exception {
    // Update's equals compares its release times element by element.
    try (WireRoundTrip wire = new WireRoundTrip()) {
      wire.assertRoundTrips(
          List.of(
              new Update(0, 3, new long[] {1_000_000_000L, 11_000_000_000L, 1L << 40}, 100_000),
              new Update(7, 1, new long[] {0}, 0),
              new Poll(12, 0),
              new Poll(12, 3),
              new NotModified(0, 0),
              new NotModified(0, 3)));
    }
  }
}
