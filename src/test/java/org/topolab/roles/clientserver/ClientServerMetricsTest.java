package org.topolab.roles.clientserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.topolab.metrics.Json;
import org.topolab.node.RunWindow;
import org.topolab.roles.clientserver.Response.Outcome;

/** Which requests the client and server metrics count, and how they normalise. */
class ClientServerMetricsTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  // Warm-up until 2 s, workload until 10 s: 8 s measured.
  private static final RunWindow WINDOW = new RunWindow(2 * SECOND, 10 * SECOND, SECOND);

  private static ObjectNode requests(ClientMetrics metrics) {
    ObjectNode group = Json.object();
    metrics.write(group);
    return (ObjectNode) group.get("requests");
  }

  @Test
  void aRequestCountsByWhenItWasSentAndItsOutcomeWheneverItComes() {
    ClientMetrics metrics = new ClientMetrics(WINDOW);
    // Sent in the warm-up: not counted, nor is its answer.
    metrics.sent(SECOND);
    metrics.answered(SECOND, 3 * SECOND, Outcome.OK);
    // Sent in the window, answered after its end: counted, so that sent = ok + the rest.
    metrics.sent(9 * SECOND);
    metrics.answered(9 * SECOND, 11 * SECOND, Outcome.OK);
    metrics.sent(5 * SECOND);
    metrics.answered(5 * SECOND, 5 * SECOND + 20 * MS, Outcome.REJECTED);
    metrics.sent(6 * SECOND);
    metrics.timedOut(6 * SECOND);
    // Sent at the very end: outside the window.
    metrics.sent(10 * SECOND);
    ObjectNode counts = requests(metrics);
    assertThat(counts.get("sent").asLong()).isEqualTo(3);
    assertThat(counts.get("ok").asLong()).isEqualTo(1);
    assertThat(counts.get("rejected").asLong()).isEqualTo(1);
    assertThat(counts.get("timeouts").asLong()).isEqualTo(1);
    // The one counted success took 2 s; throughput is 1 ok over 8 measured seconds.
    assertThat(metrics.latency().meanNanos()).isEqualTo(2.0 * SECOND);
    assertThat(counts.get("throughput-per-s").asDouble()).isEqualTo(0.125);
  }

  @Test
  void utilisationIsBusyWorkersOverAllWorkersOfTheGroup() {
    // Two servers of two workers each; one worker busy from 0 to the end: 1 of 4 busy = 0.25.
    ServerMetrics metrics = new ServerMetrics(WINDOW, 2, 2);
    metrics.busy(0, +1);
    assertThat(metrics.utilisation()).isCloseTo(0.25, within(1e-12));
  }

  @Test
  void queueLengthIsPerServerAndServedCountsOnlyTheWindow() {
    ServerMetrics metrics = new ServerMetrics(WINDOW, 2, 1);
    // Three requests waiting across the group for the measured half of the window (6 s to 10 s),
    // two servers: 3 * 4 s / 8 s / 2 = 0.75 per server.
    metrics.queued(6 * SECOND, +3);
    metrics.served(SECOND); // warm-up
    metrics.served(7 * SECOND);
    metrics.rejected(8 * SECOND);
    ObjectNode out = Json.object();
    metrics.write(out);
    assertThat(out.get("queue-length").asDouble()).isEqualTo(0.75);
    assertThat(out.get("served").asLong()).isEqualTo(1);
    assertThat(out.get("rejected").asLong()).isEqualTo(1);
    // 1 served over 8 measured seconds.
    assertThat(out.get("served-per-s").asDouble()).isEqualTo(0.125);
  }
}
