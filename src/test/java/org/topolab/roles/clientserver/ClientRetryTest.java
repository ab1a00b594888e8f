package org.topolab.roles.clientserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.topolab.distribution.Distribution;
import org.topolab.metrics.Json;
import org.topolab.roles.clientserver.Response.Outcome;
import org.topolab.testkit.Arrival;
import org.topolab.testkit.NodeProbe;
import org.topolab.testkit.NodeTestKit;

/**
 * A closed-loop client (node 0, a request 1 ms after each answer, 100 ms timeout) that sends a
 * request again, in virtual time; one probe stands in for the two servers of its target (nodes 1
 * and 2), over an instant network.
 */
class ClientRetryTest {

  private static final long MS = 1_000_000L;
  private static final int CLIENT = 0;

  private NodeTestKit kit;
  private NodeProbe servers;
  private ClientMetrics metrics;

  @BeforeEach
  void network() {
    kit =
        NodeTestKit.builder()
            .group("clients", "client", 1, null, null, null)
            .group("servers", 2)
            .window(Duration.ZERO, Duration.ofSeconds(60), Duration.ofSeconds(1))
            .build();
    servers = kit.probe(1, 2);
    metrics = new ClientMetrics(kit.window());
  }

  @AfterEach
  void close() {
    kit.close();
  }

  private void start(Client.Retry retry) {
    Client.Spec spec =
        new Client.Spec(kit.group("servers"), null, new Distribution.Constant(MS), 300, 2000, 100 * MS, retry, 10, false, null, Attack.NONE);
    kit.spawn(CLIENT, node -> Client.create(node, spec, metrics));
  }

  private void answer(Arrival<Request> request, Outcome outcome) {
    kit.send(request.to(), CLIENT, new Response(request.to(), request.message().id(), outcome, 2000));
  }

  private ObjectNode requests() {
    ObjectNode group = Json.object();
    metrics.write(group);
    return (ObjectNode) group.get("requests");
  }

  @Test
  void sendsATimedOutRequestAgainAfterADoublingBackOffToTheOtherServer() {
    start(new Client.Retry(3, 50 * MS, 0));
    List<Arrival<Request>> attempts = servers.receiveArrivals(Request.class, 3);
    // Sent at 1 ms; timed out at 101 ms, sent again 50 ms later; timed out at 251 ms, again 100 ms later.
    assertThat(attempts).extracting(Arrival::nanos).containsExactly(MS, 151 * MS, 351 * MS);
    assertThat(attempts).extracting(attempt -> attempt.message().id()).containsOnly(0L);
    assertThat(attempts).extracting(attempt -> attempt.message().key()).containsOnly(attempts.get(0).message().key());
    // Each attempt goes to the other server.
    assertThat(attempts.get(1).to()).isNotEqualTo(attempts.get(0).to());
    assertThat(attempts.get(2).to()).isEqualTo(attempts.get(0).to());
    kit.advance(Duration.ofMillis(49));
    answer(attempts.get(2), Outcome.OK);
    // One request, answered: its latency counts from its first attempt; the next comes 1 ms later.
    ObjectNode counts = requests();
    assertThat(counts.get("sent").asLong()).isEqualTo(1);
    assertThat(counts.get("ok").asLong()).isEqualTo(1);
    assertThat(counts.get("timeouts").asLong()).isZero();
    assertThat(counts.get("retries").asLong()).isEqualTo(2);
    assertThat(metrics.latency().meanNanos()).isEqualTo(399.0 * MS);
    Arrival<Request> next = servers.expectArrival(Request.class);
    assertThat(next.message().id()).isEqualTo(1);
    assertThat(next.nanos()).isEqualTo(401 * MS);
  }

  @Test
  void givesUpAfterItsAttemptsAndCountsOneTimeout() {
    start(new Client.Retry(2, 50 * MS, 0));
    List<Arrival<Request>> attempts = servers.receiveArrivals(Request.class, 2);
    assertThat(attempts).extracting(Arrival::nanos).containsExactly(MS, 151 * MS);
    // The second attempt times out at 251 ms: that is the end of it, and the next request follows.
    Arrival<Request> next = servers.expectArrival(Request.class);
    assertThat(next.message().id()).isEqualTo(1);
    assertThat(next.nanos()).isEqualTo(252 * MS);
    ObjectNode counts = requests();
    assertThat(counts.get("timeouts").asLong()).isEqualTo(1);
    assertThat(counts.get("retries").asLong()).isEqualTo(1);
    assertThat(counts.get("sent").asLong()).isEqualTo(2);
  }

  @Test
  void retriesAFailedAnswerButNotARejectedOne() {
    start(new Client.Retry(3, 50 * MS, 0));
    Arrival<Request> first = servers.expectArrival(Request.class);
    answer(first, Outcome.FAILED);
    Arrival<Request> again = servers.expectArrival(Request.class);
    assertThat(again.message().id()).isEqualTo(first.message().id());
    assertThat(again.nanos()).isEqualTo(first.nanos() + 50 * MS);
    answer(again, Outcome.REJECTED);
    // Rejected: final. The next request is a new one, 1 ms later.
    Arrival<Request> next = servers.expectArrival(Request.class);
    assertThat(next.message().id()).isEqualTo(first.message().id() + 1);
    assertThat(next.nanos()).isEqualTo(again.nanos() + MS);
    ObjectNode counts = requests();
    assertThat(counts.get("rejected").asLong()).isEqualTo(1);
    assertThat(counts.get("failed").asLong()).isZero();
    assertThat(counts.get("retries").asLong()).isEqualTo(1);
  }

  @Test
  void aLateAnswerDuringTheBackOffAnswersTheRequest() {
    start(new Client.Retry(3, 50 * MS, 0));
    Arrival<Request> first = servers.expectArrival(Request.class);
    kit.advance(Duration.ofMillis(120)); // timed out at 101 ms; the resend is due at 151 ms
    answer(first, Outcome.OK);
    Arrival<Request> next = servers.expectArrival(Request.class);
    assertThat(next.message().id()).isEqualTo(first.message().id() + 1);
    ObjectNode counts = requests();
    assertThat(counts.get("ok").asLong()).isEqualTo(1);
    assertThat(counts.get("retries").asLong()).isZero();
    assertThat(counts.get("timeouts").asLong()).isZero();
  }

  @Test
  void fullJitterDrawsEachWaitBetweenNothingAndTheBackOff() {
    start(new Client.Retry(4, 50 * MS, 1));
    List<Arrival<Request>> attempts = servers.receiveArrivals(Request.class, 4);
    long[] waits = new long[3];
    for (int i = 0; i < 3; i++) {
      waits[i] = attempts.get(i + 1).nanos() - attempts.get(i).nanos() - 100 * MS;
    }
    assertThat(waits[0]).isBetween(0L, 50 * MS);
    assertThat(waits[1]).isBetween(0L, 100 * MS);
    assertThat(waits[2]).isBetween(0L, 200 * MS);
    assertThat(waits).doesNotHaveDuplicates();
  }
}
