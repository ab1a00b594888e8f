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
import org.topolab.network.NetMessage;
import org.topolab.roles.clientserver.Response.Outcome;
import org.topolab.testkit.Arrival;
import org.topolab.testkit.NodeProbe;
import org.topolab.testkit.NodeTestKit;

/**
 * The client's protocol in virtual time: a probe stands in for the server and sees every request,
 * and when; the client's metrics are read.
 */
class ClientTest {

  private static final long MS = 1_000_000L;
  private static final int CLIENT = 0;
  private static final int SERVER = 1;

  private NodeTestKit kit;
  private NodeProbe server;
  private ClientMetrics metrics;

  @BeforeEach
  void network() {
    // Requests are sent during the first minute only.
    kit =
        NodeTestKit.builder()
            .group("clients", "client", 1, null, null, null)
            .group("server", 1)
            .window(Duration.ZERO, Duration.ofSeconds(60), Duration.ofSeconds(1))
            .build();
    server = kit.probe(SERVER);
    metrics = new ClientMetrics(kit.window());
  }

  @AfterEach
  void close() {
    kit.close();
  }

  /** An open-loop client: a request every {@code gapNanos}, whatever happens to earlier ones. */
  private void openLoop(long gapNanos, long timeoutNanos) {
    start(new Distribution.Constant(gapNanos), null, timeoutNanos);
  }

  /** A closed-loop client: the next request {@code thinkNanos} after each answer or timeout. */
  private void closedLoop(long thinkNanos, long timeoutNanos) {
    start(null, new Distribution.Constant(thinkNanos), timeoutNanos);
  }

  private void start(Distribution interval, Distribution thinkTime, long timeoutNanos) {
    Client.Spec spec = new Client.Spec(kit.group("server"), interval, thinkTime, 300, 2000, timeoutNanos, Client.Retry.NONE, 10, false, null, Attack.NONE);
    kit.spawn(CLIENT, node -> Client.create(node, spec, metrics));
  }

  private Arrival<Request> nextRequest() {
    return server.expectArrival(Request.class);
  }

  private void answer(Request request, Outcome outcome) {
    kit.send(SERVER, CLIENT, new Response(SERVER, request.id(), outcome, 2000));
  }

  /** The {@code requests} object of the client group's report. */
  private ObjectNode requests() {
    ObjectNode group = Json.object();
    metrics.write(group);
    return (ObjectNode) group.get("requests");
  }

  @Test
  void openLoopSendsWithoutWaitingAndCountsOk() {
    openLoop(20 * MS, 10_000 * MS);
    // Three requests come before any is answered: an open loop does not wait. With no random
    // phase, the n-th leaves n gaps after the start, and an instant network delivers it then.
    List<Arrival<NetMessage>> arrivals = server.receiveArrivals(3);
    assertThat(arrivals).extracting(Arrival::nanos).containsExactly(20 * MS, 40 * MS, 60 * MS);
    for (int i = 0; i < 3; i++) {
      assertThat(arrivals.get(i).from()).isEqualTo(CLIENT);
      Request request = (Request) arrivals.get(i).message();
      assertThat(request.from()).isEqualTo(CLIENT);
      assertThat(request.id()).isEqualTo(i);
      assertThat(request.bytes()).isEqualTo(300);
      assertThat(request.responseBytes()).isEqualTo(2000);
      assertThat(request.key()).isBetween(0L, 9L);
    }
    arrivals.forEach(arrival -> answer((Request) arrival.message(), Outcome.OK));
    // All three answered at 60 ms: latencies of 40, 20 and 0 ms. The fourth request is due at 80 ms.
    assertThat(requests().get("ok").asLong()).isEqualTo(3);
    assertThat(metrics.latency().count()).isEqualTo(3);
    assertThat(metrics.latency().meanNanos()).isEqualTo(20.0 * MS);
    assertThat(requests().get("sent").asLong()).isEqualTo(3);
  }

  @Test
  void openLoopStopsSendingAtTheEndOfTheWindow() {
    openLoop(10_000 * MS, 1_000 * MS);
    // One request every 10 s of a 60 s window: at 10, 20, ... 50 s; none at 60 s or after.
    List<Arrival<NetMessage>> arrivals = server.receiveArrivals(5);
    assertThat(arrivals)
        .extracting(Arrival::nanos)
        .containsExactly(10_000 * MS, 20_000 * MS, 30_000 * MS, 40_000 * MS, 50_000 * MS);
    server.expectNoMessage(Duration.ofMinutes(10));
    ObjectNode counts = requests();
    assertThat(counts.get("sent").asLong()).isEqualTo(5);
    assertThat(counts.get("timeouts").asLong()).isEqualTo(5);
  }

  @Test
  void closedLoopWaitsForTheAnswerBeforeTheNextRequest() {
    closedLoop(MS, 10_000 * MS);
    // The first request comes one think time after the start.
    long due = MS;
    for (long n = 0; n < 3; n++) {
      Arrival<Request> arrival = nextRequest();
      assertThat(arrival.message().id()).isEqualTo(n);
      assertThat(arrival.nanos()).isEqualTo(due);
      // When request n arrives, the n before it have all been answered and counted: never more
      // than one request is out, however long the answer takes (here 5 s, within the timeout).
      ObjectNode counts = requests();
      assertThat(counts.get("sent").asLong()).isEqualTo(n + 1);
      assertThat(counts.get("ok").asLong()).isEqualTo(n);
      server.expectNoMessage(Duration.ofSeconds(5));
      answer(arrival.message(), Outcome.OK);
      due = kit.now() + MS;
    }
    assertThat(metrics.latency().meanNanos()).isEqualTo(5_000.0 * MS);
  }

  @Test
  void requestWithNoAnswerIsCountedAsATimeout() {
    // Closed loop, so the next request comes only once the first has timed out: sent at 1 ms, it
    // expires at 101 ms, and the next follows one think time later.
    closedLoop(MS, 100 * MS);
    Arrival<Request> unanswered = nextRequest();
    Arrival<Request> next = nextRequest();
    assertThat(next.message().id()).isEqualTo(unanswered.message().id() + 1);
    assertThat(unanswered.nanos()).isEqualTo(MS);
    assertThat(next.nanos()).isEqualTo(102 * MS);
    ObjectNode counts = requests();
    assertThat(counts.get("timeouts").asLong()).isEqualTo(1);
    assertThat(counts.get("ok").asLong()).isZero();
    assertThat(counts.get("sent").asLong()).isEqualTo(2);
  }

  @Test
  void rejectedAndFailedAnswersAreCountedApart() {
    closedLoop(MS, 10_000 * MS);
    answer(nextRequest().message(), Outcome.REJECTED);
    answer(nextRequest().message(), Outcome.FAILED);
    answer(nextRequest().message(), Outcome.OK);
    // Each answer, rejected or not, lets the next request go one think time later.
    assertThat(nextRequest().nanos()).isEqualTo(4 * MS);
    ObjectNode counts = requests();
    assertThat(counts.get("rejected").asLong()).isEqualTo(1);
    assertThat(counts.get("failed").asLong()).isEqualTo(1);
    assertThat(counts.get("ok").asLong()).isEqualTo(1);
    assertThat(counts.get("timeouts").asLong()).isZero();
    assertThat(counts.get("sent").asLong()).isEqualTo(4);
    // Only the successful request has a latency.
    assertThat(metrics.latency().count()).isEqualTo(1);
  }

  @Test
  void answerAfterTheTimeoutIsNotCountedAgain() {
    closedLoop(MS, 100 * MS);
    Request late = nextRequest().message();
    Request next = nextRequest().message(); // sent once the first timed out
    answer(late, Outcome.REJECTED);
    answer(next, Outcome.OK);
    long answered = kit.now();
    // Only the answer to the outstanding request lets a new one go: one, one think time later,
    // and nothing more before that one could time out.
    assertThat(nextRequest().nanos()).isEqualTo(answered + MS);
    server.expectNoMessage(Duration.ofMillis(50));
    ObjectNode counts = requests();
    assertThat(counts.get("timeouts").asLong()).isEqualTo(1);
    assertThat(counts.get("rejected").asLong()).isZero();
    assertThat(counts.get("ok").asLong()).isEqualTo(1);
    assertThat(counts.get("sent").asLong()).isEqualTo(3);
  }
}
