package org.topolab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topolab.cli.Main;

/** Runs the example scenario of docs/custom-roles.md through the command line and reads its report. */
class PingRoleTest {

  @TempDir Path out;

  @Test
  void everyPingOfTheWindowIsAnsweredOrLostAndNoRoundTripBeatsTheLatency() throws Exception {
    Path scenario = Path.of(getClass().getResource("/examples/ping.conf").toURI());
    StringWriter console = new StringWriter();
    StringWriter errors = new StringWriter();

    int exit =
        Main.execute(new PrintWriter(console), new PrintWriter(errors), "run", scenario.toString(), "--out", out.toString());

    assertThat(exit).as("exit code; errors: %s", errors).isZero();
    assertThat(console.toString()).contains("europe rtt ms", "america rtt ms");
    JsonNode runs = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("runs");
    assertThat(runs).hasSize(2);
    for (JsonNode run : runs) {
      for (String site : new String[] {"europe", "america"}) {
        JsonNode group = run.get("groups").get(site);
        JsonNode pings = group.get("pings");
        assertThat(group.get("role").asText()).isEqualTo("ping");
        assertThat(pings.get("sent").asLong()).isPositive();
        assertThat(pings.get("answered").asLong() + pings.get("lost").asLong()).isEqualTo(pings.get("sent").asLong());
        // Both sites' access latencies, both ways, plus at least 1 ms of network latency each way.
        assertThat(group.get("rtt-ms").get("mean").asDouble()).isGreaterThanOrEqualTo(152.0);
      }
    }
    JsonNode clean = runs.get(0).get("groups").get("europe");
    JsonNode lossy = runs.get(1).get("groups").get("europe");
    assertThat(runs.get(1).get("variant").asText()).isEqualTo("lossy");
    assertThat(clean.get("pings").get("lost").asLong()).isZero();
    assertThat(clean.get("dropped").asLong()).isZero();
    assertThat(lossy.get("pings").get("lost").asLong()).isPositive();
    assertThat(lossy.get("dropped").asLong()).isPositive();
  }
}
