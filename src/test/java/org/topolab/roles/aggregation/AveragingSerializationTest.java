package org.topolab.roles.aggregation;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.topolab.network.WireRoundTrip;

/** The averaging messages cross Pekko's serialisation (Jackson CBOR) intact, to the last bit of the value. */
class AveragingSerializationTest {

  @Test
  void everyMessageRoundTrips() throws Exception {
    try (WireRoundTrip wire = new WireRoundTrip()) {
      wire.assertRoundTrips(
          List.of(new Averaging.Push(17, 0.1 + 0.2), new Averaging.Reply(Double.MIN_VALUE), new Averaging.Reply(-1e300)));
    }
  }
}
