package org.topolab.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.Scenarios;

/**
 * The cost of a run, recomputed by hand from report.json's own counts, bytes and length: what a
 * reader of the report can check, and what the docs say the model does.
 */
class RunCostTest {

  private static final String DISTRIBUTION =
      """
      name = "priced distribution"
      seed = 3
      duration = 300s
      network.latency = 10ms
      groups {
        server { role = file-server, link { up = 100Mbps, down = 1Gbps }, file-size = 20MB }
        receivers { role = downloader, count = 20, link { up = 10Mbps, down = 50Mbps }, source = server }
      }
      variants.peer-to-peer.groups {
        tracker { role = tracker }
        receivers { role = peer, count = 20, link { up = 10Mbps, down = 50Mbps }, source = server, tracker = tracker }
      }
      cost {
        currency = EUR
        groups {
          server { node-hour = 0.10, gb-sent = 0.09, gb-received = 0.01, setup = 5 }
          tracker { node-hour = 0.02 }
          receivers { node-hour = 0.0075, gb-sent = 0.001, paid-by = users }
        }
      }
      """;

  private static final String REQUESTS =
      """
      name = "priced requests"
      seed = 4
      duration = 30s
      groups {
        server { role = server, workers = 2, service-time = 5ms, response-size = 100KB }
        clients { role = client, count = 10, target = server, arrival { distribution = poisson, rate = 5/s } }
      }
      cost.groups.server { node-hour = 1.0, gb-sent = 0.10 }
      """;

  /** Six significant digits, as the report rounds money. */
  private static Offset<Double> rounding(double value) {
    return within(Math.abs(value) * 1e-5);
  }

  @Test
  void eachGroupCostsItsMachinesItsTrafficAndItsSetUp() {
    ScenarioReport report = Scenarios.run(DISTRIBUTION);
    for (String variant : new String[] {"default", "peer-to-peer"}) {
      JsonNode run = report.run(variant).json();
      JsonNode cost = run.get("cost");
      double hours = run.get("engine").get("simulated-seconds").asDouble() / 3600;
      JsonNode server = run.get("groups").get("server");
      JsonNode receivers = run.get("groups").get("receivers");
      double serverCost = 1 * hours * 0.10 + server.get("bytes-sent").asLong() / 1e9 * 0.09
          + server.get("bytes-received").asLong() / 1e9 * 0.01 + 5;
      double receiversCost = 20 * hours * 0.0075 + receivers.get("bytes-sent").asLong() / 1e9 * 0.001;
      double trackerCost = variant.equals("default") ? 0 : hours * 0.02;

      assertThat(cost.get("currency").asText()).isEqualTo("EUR");
      assertThat(cost.get("hours").asDouble()).as(variant).isCloseTo(hours, rounding(hours));
      assertThat(cost.get("by-group").get("server").get("total").asDouble()).isCloseTo(serverCost, rounding(serverCost));
      assertThat(cost.get("by-group").get("server").get("setup").asDouble()).isEqualTo(5);
      assertThat(cost.get("by-group").get("receivers").get("paid-by").asText()).isEqualTo("users");
      assertThat(cost.get("by-group").get("receivers").get("total").asDouble()).isCloseTo(receiversCost, rounding(receiversCost));
      assertThat(cost.get("operator").asDouble()).isCloseTo(serverCost + trackerCost, rounding(serverCost));
      assertThat(cost.get("users").asDouble()).isCloseTo(receiversCost, rounding(receiversCost));
      double total = serverCost + trackerCost + receiversCost;
      assertThat(cost.get("total").asDouble()).isCloseTo(total, rounding(total));
      // Delivered: what the users' groups received.
      double delivered = receivers.get("bytes-received").asLong() / 1e9;
      assertThat(cost.get("gb-delivered").asDouble()).isCloseTo(delivered, rounding(delivered));
      assertThat(cost.get("per-gb-delivered").asDouble()).isCloseTo(total / delivered, rounding(total / delivered));
      assertThat(cost.has("per-request-served")).as("no client groups, no requests").isFalse();
    }
    // The lesson of the scenario: the swarm's own uploads take egress off the operator's bill.
    double clientServer = report.run("default").json().get("cost").get("by-group").get("server").get("traffic").asDouble();
    double peerToPeer = report.run("peer-to-peer").json().get("cost").get("by-group").get("server").get("traffic").asDouble();
    assertThat(peerToPeer).isLessThan(clientServer * 0.5);
  }

  @Test
  void requestsServedAreCountedAndGroupsWithoutPricesCostNothing() {
    JsonNode run = Scenarios.run(REQUESTS).run(0).json();
    JsonNode cost = run.get("cost");
    double hours = run.get("engine").get("simulated-seconds").asDouble() / 3600;
    double total = hours * 1.0 + run.get("groups").get("server").get("bytes-sent").asLong() / 1e9 * 0.10;
    long ok = run.get("groups").get("clients").get("requests").get("ok").asLong();
    assertThat(cost.get("currency").asText()).as("the default currency").isEqualTo("USD");
    assertThat(cost.get("total").asDouble()).isCloseTo(total, rounding(total));
    assertThat(cost.get("users").asDouble()).isZero();
    assertThat(cost.get("by-group").has("clients")).isFalse();
    assertThat(cost.get("requests-served").asLong()).isEqualTo(ok).isPositive();
    assertThat(cost.get("per-request-served").asDouble()).isCloseTo(total / ok, rounding(total / ok));
  }

  @Test
  void aScenarioWithoutACostBlockHasNoCost() {
    JsonNode run = Scenarios.run(REQUESTS.replace("cost.groups.server { node-hour = 1.0, gb-sent = 0.10 }", "")).run(0).json();
    assertThat(run.has("cost")).isFalse();
  }
}
