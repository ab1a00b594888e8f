package com.example.ping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.topolab.distribution.Distribution;
import org.topolab.testkit.Arrival;
import org.topolab.testkit.NodeProbe;
import org.topolab.testkit.NodeTestKit;

/**
 * One ping node at a time, in virtual time: the node under test is a real actor, a probe stands in
 * for the node it pings, and the clock moves only when the test says so.
 */
class PingNodeTest {

  private static final int EUROPE = 0;
  private static final int AMERICA = 1;
  private static final long KIB = 1024;

  // One way, a 1 KiB message leaves Europe's 10 Mbps uplink in 0.8192 ms, travels 40 + 1 + 35 ms
  // and enters America's 50 Mbps downlink in 0.16384 ms; the echo takes as long back.
  private static final long ONE_WAY_NANOS = 819_200 + 76_000_000 + 163_840;

  private final NodeTestKit kit =
      NodeTestKit.builder()
          .group("europe", "ping", 1, "10Mbps", "50Mbps", "40ms")
          .group("america", "ping", 1, "10Mbps", "50Mbps", "35ms")
          .latency(Duration.ofMillis(1))
          .window(Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(1))
          .build();
  private final NodeProbe america = kit.probe(AMERICA);
  private final PingMetrics metrics = new PingMetrics(kit.window());

  @AfterEach
  void close() {
    kit.close();
  }

  /** Spawns the European node: a 1 KiB ping every {@code interval}, a 2 s timeout. */
  private void startEurope(Duration interval) {
    PingNode.Spec spec =
        new PingNode.Spec(kit.group("america"), new Distribution.Constant(interval.toNanos()), KIB, 2_000_000_000L);
    kit.spawn(EUROPE, node -> PingNode.create(node, spec, metrics));
  }

  @Test
  void answersAPingWithAnEchoOfTheSameIdAndSize() {
    startEurope(Duration.ofHours(1));

    kit.send(AMERICA, EUROPE, new PingNode.Probe(AMERICA, 42, KIB));

    Arrival<PingNode.Echo> echo = america.expectArrival(PingNode.Echo.class);
    assertThat(echo.message()).isEqualTo(new PingNode.Echo(42, KIB));
    assertThat(echo.from()).isEqualTo(EUROPE);
    assertThat(echo.nanos()).isEqualTo(2 * ONE_WAY_NANOS); // sent at 0, there and back
  }

  @Test
  void measuresTheRoundTripThatTheLinksAndTheNetworkFix() {
    startEurope(Duration.ofSeconds(1));

    Arrival<PingNode.Probe> ping = america.expectArrival(PingNode.Probe.class);
    kit.send(AMERICA, EUROPE, new PingNode.Echo(ping.message().id(), ping.message().bytes()));
    kit.advanceUntil(() -> metrics.roundTrips().count() == 1, Duration.ofSeconds(1));

    assertThat(ping.message().from()).isEqualTo(EUROPE);
    assertThat(ping.message().bytes()).isEqualTo(KIB);
    assertThat(metrics.roundTrips().meanNanos()).isEqualTo(2.0 * ONE_WAY_NANOS);
    assertThat(kit.now()).isEqualTo(ping.nanos() + ONE_WAY_NANOS);
  }

  @Test
  void countsAPingWithoutAnEchoAsLostWhenItsTimeoutExpires() {
    startEurope(Duration.ofSeconds(4)); // the second ping leaves after the first one's timeout

    Arrival<PingNode.Probe> ping = america.expectArrival(PingNode.Probe.class);
    long sentAt = ping.nanos() - ONE_WAY_NANOS;
    kit.advanceNanos(sentAt + 2_000_000_000L - 1 - kit.now());
    assertThat(pings().get("lost").asLong()).isZero(); // a nanosecond before the timeout
    kit.advanceNanos(1);

    assertThat(pings().get("sent").asLong()).isEqualTo(1);
    assertThat(pings().get("lost").asLong()).isEqualTo(1);
  }

  @Test
  void stopsPingingWhenTheWorkloadEnds() {
    startEurope(Duration.ofSeconds(1));

    // The window ends at 5 s: one ping a second, the first somewhere in the first second.
    kit.advance(Duration.ofMillis(5_100));
    assertThat(america.receivedSoFar()).hasSize(5);

    america.expectNoMessage(Duration.ofMinutes(10));
  }

  @Test
  void aNodeMadeFromTheScenarioMeasuresAsTheRunWould() throws Exception {
    String scenario = Files.readString(Path.of("scenarios/ping.conf"));
    try (NodeTestKit run = NodeTestKit.forScenario(scenario, "network.latency=1ms")) {
      run.spawnGroup("europe");
      run.spawnGroup("america");
      run.advance(Duration.ofSeconds(25)); // the 20 s of the scenario, and time for the last echoes

      JsonNode europe = run.report("europe");
      assertThat(europe.get("pings").get("answered").asLong()).isPositive();
      assertThat(europe.get("pings").get("lost").asLong()).isZero();
      // Pings queue behind each other at times, but no round trip beats the idle links' 2 x
      // ONE_WAY_NANOS, 153.966 ms in the report's microseconds.
      assertThat(europe.get("rtt-ms").get("mean").asDouble()).isGreaterThanOrEqualTo(153.966);
    }
  }

  private JsonNode pings() {
    ObjectNode report = new ObjectMapper().createObjectNode();
    metrics.write(report);
    return report.get("pings");
  }
}
