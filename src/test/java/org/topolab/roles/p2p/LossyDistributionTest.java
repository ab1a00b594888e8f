package org.topolab.roles.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.Scenarios;

/**
 * A file distribution over a network that loses messages: every receiver completes, in both
 * models, the loss costing time and re-sends; and the run is the same in one and in two partitions.
 * 30 receivers of a 10 MB file (40 chunks), a 200 Mbps server, 10 Mbps up and 50 Mbps down.
 */
class LossyDistributionTest {

  private static final String SCENARIO =
      """
      name = "lossy distribution"
      seed = 11
      duration = 300s
      network.latency = { distribution = uniform, min = 5ms, max = 30ms }
      groups {
        server { role = file-server, link { up = 200Mbps, down = 1Gbps }, file-size = 10MB }
        receivers {
          role = downloader, count = 30, link { up = 10Mbps, down = 50Mbps }
          source = server
        }
      }
      variants.peer-to-peer.groups {
        tracker { role = tracker }
        receivers {
          role = peer, count = 30, link { up = 10Mbps, down = 50Mbps }
          source = server, tracker = tracker
        }
      }
      """;

  private static JsonNode receivers(ScenarioReport report, String variant) {
    return report.run(variant).group("receivers");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.01, 0.05})
  void everyReceiverCompletesAtTheCostOfTimeAndResends(double loss) {
    ScenarioReport lossless = Scenarios.run(SCENARIO);
    ScenarioReport lossy = Scenarios.run(SCENARIO, "network.loss=" + loss);
    for (String variant : new String[] {"default", "peer-to-peer"}) {
      JsonNode group = receivers(lossy, variant);
      JsonNode downloads = group.get("downloads");
      assertThat(downloads.get("completed").asInt()).as(variant).isEqualTo(30);
      assertThat(downloads.get("incomplete").asInt()).as(variant).isZero();
      assertThat(group.get("dropped").asLong()).as(variant + " dropped").isPositive();
      assertThat(downloads.get("resent-requests").asLong()).as(variant + " resent requests").isPositive();
      // The network lost messages both ways; the time lost stays within a bound that a receiver
      // stuck until the end of the run (300 s) would break by far.
      double before = receivers(lossless, variant).get("downloads").get("time-s").get("max").asDouble();
      double after = downloads.get("time-s").get("max").asDouble();
      assertThat(after).as(variant + " time with loss %s", loss).isBetween(before * 0.95, before * (1 + 20 * loss));
    }
    // Control messages are lost too, and asked again: the peers' handshakes, interests and joins.
    assertThat(receivers(lossy, "peer-to-peer").get("downloads").get("resent-control").asLong()).isPositive();
    // And once everyone has the file, nothing is left to say: the run ends by itself soon after.
    double last = receivers(lossy, "peer-to-peer").get("downloads").get("time-s").get("max").asDouble();
    assertThat(lossy.run("peer-to-peer").engine().get("simulated-seconds").asDouble()).isLessThan(last + 60);
  }

  @ParameterizedTest
  @ValueSource(ints = {2})
  void aLossyRunIsTheSameInPartitions(int partitions) {
    ScenarioReport one = Scenarios.run(SCENARIO, "network.loss=0.05");
    ScenarioReport split = Scenarios.inPartitions(partitions).report(SCENARIO, "network.loss=0.05");
    assertThat(split.reproducible()).isEqualTo(one.reproducible());
    assertThat(split.run(0).engine().get("partitions").asInt()).isEqualTo(partitions);
  }

  @Test
  void badRetryKeysAreNamedWithWhatWouldBeRight() {
    assertThatThrownBy(() -> Scenarios.run(SCENARIO, "groups.receivers.retry.timeout-factor=0.5", "groups.receivers.retry.min-timeout=1us"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("groups.receivers.retry.timeout-factor: 0.5 is out of range; expected a number from 1.0 to 1000.0")
        .hasMessageContaining("groups.receivers.retry.min-timeout: must be at least 1ms");
  }
}
