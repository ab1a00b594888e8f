package org.topolab.roles.discovery.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.topolab.network.WireRoundTrip;

/** Every Kademlia message crosses Pekko's serialisation (Jackson CBOR) intact, and its size is what the protocol holds. */
class KademliaSerializationTest {

  @Test
  void everyMessageRoundTrips() throws Exception {
    try (WireRoundTrip wire = new WireRoundTrip()) {
      wire.assertRoundTrips(
          List.of(
              new KademliaWire.Ping(3, 0, 20),
              new KademliaWire.Ack(4, Integer.MAX_VALUE, 20),
              new KademliaWire.Store(5, 17, 32, 999_999),
              new KademliaWire.FindNode(6, 18, 20, new long[] {0xFFFF_FFFFL, -1L, 1L << 63}),
              new KademliaWire.FindValue(7, 19, 20, 12),
              new KademliaWire.Nodes(8, 20, 20, new int[] {1, 2, 3, 40_000_000}),
              new KademliaWire.Nodes(8, 21, 20, new int[0]),
              new KademliaWire.Value(9, 22, 20, new int[] {5, 6})));
    }
  }

  @Test
  void sizesCountHeadersIdsAndContactsAsOnTheWire() {
    // 28 bytes of IPv4 and UDP, 1 of type, 8 of RPC id, then the sender's 20-byte id.
    assertThat(new KademliaWire.Ping(1, 2, 20).sizeBytes()).isEqualTo(57);
    assertThat(new KademliaWire.FindNode(1, 2, 20, new long[3]).sizeBytes()).isEqualTo(57 + 20);
    assertThat(new KademliaWire.Store(1, 2, 20, 0).sizeBytes()).isEqualTo(57 + 20 + 6);
    // A contact: an id and an IPv4 address and port.
    assertThat(new KademliaWire.Nodes(1, 2, 20, new int[20]).sizeBytes()).isEqualTo(57 + 20 * 26);
    assertThat(new KademliaWire.Value(1, 2, 32, new int[3]).sizeBytes()).isEqualTo(37 + 32 + 3 * 6);
  }
}
