package org.topolab.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.topolab.distribution.Distribution;
import org.topolab.testing.VirtualNetwork;
import org.topolab.testing.VirtualNetwork.Packet;

class NetworkQueueingTest {

  @Test
  void messageQueuesOnUplinkThenDownlinkPlusLatency() throws Exception {
    // Node 0: 8 Mbps up (1 ms per 1000 bytes). Node 1: 4 Mbps down (2 ms per 1000 bytes). 10 ms latency.
    List<LinkSpec> links = List.of(new LinkSpec(8e6, Double.POSITIVE_INFINITY, 0), new LinkSpec(Double.POSITIVE_INFINITY, 4e6, 0));
    try (VirtualNetwork net = new VirtualNetwork(links, new Distribution.Constant(10_000_000), 0, 1)) {
      net.sendAt(0, 0, 1, new Packet("a", 1000));
      net.sendAt(0, 0, 1, new Packet("b", 1000));
      net.run();
      // a: leaves at 1 ms, arrives 11 ms, downlink done 13 ms. b: leaves 2 ms, arrives 12 ms, waits for a: 15 ms.
      assertThat(net.deliveries(1)).extracting(VirtualNetwork.Delivery::nanos).containsExactly(13_000_000L, 15_000_000L);
      assertThat(net.network().traffic(0).bytesSent()).isEqualTo(2000);
      assertThat(net.network().traffic(1).messagesReceived()).isEqualTo(2);
    }
  }
}
