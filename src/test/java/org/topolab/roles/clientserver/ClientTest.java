package org.topolab.roles.clientserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.topolab.engine.PekkoConfig;
import org.topolab.distribution.Distribution;
import org.topolab.metrics.Json;
import org.topolab.roles.clientserver.Response.Outcome;
import org.topolab.testing.ProbeNetwork;

/** The client's protocol: a probe stands in for the server, and the client's metrics are read. */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientTest {

  private static final long MS = 1_000_000L;
  private static final int CLIENT = 0;
  private static final int SERVER = 1;

  @JUnit5TestKit public ActorTestKit kit = new JUnit5TestKitBuilder().withCustomConfig(PekkoConfig.load()).build();

  private ProbeNetwork net;
  private TestProbe<Request> server;
  private ClientMetrics metrics;

  @BeforeEach
  void network() {
    net = ProbeNetwork.of(kit, "clients:client:1", "server:server:1");
    server = net.probe(SERVER, Request.class);
    metrics = new ClientMetrics(net.window());
  }

  @AfterEach
  void close() {
    net.close();
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
    Client.Spec spec = new Client.Spec(net.group("server"), interval, thinkTime, 300, 2000, timeoutNanos, 10, false);
    net.spawn(CLIENT, Client.create(net.context(CLIENT), spec, metrics));
  }

  private void answer(Request request, Outcome outcome) {
    net.send(SERVER, CLIENT, new Response(SERVER, request.id(), outcome, 2000));
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
    // Three requests come before any is answered: an open loop does not wait.
    List<Request> requests = server.receiveSeveralMessages(3);
    for (int i = 0; i < 3; i++) {
      Request request = requests.get(i);
      assertThat(request.from()).isEqualTo(CLIENT);
      assertThat(request.id()).isEqualTo(i);
      assertThat(request.bytes()).isEqualTo(300);
      assertThat(request.responseBytes()).isEqualTo(2000);
      assertThat(request.key()).isBetween(0L, 9L);
    }
    requests.forEach(request -> answer(request, Outcome.OK));
    server.awaitAssert(
        () -> {
          assertThat(requests().get("ok").asLong()).isEqualTo(3);
          assertThat(metrics.latency().count()).isEqualTo(3);
          return null;
        });
    assertThat(requests().get("sent").asLong()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void closedLoopWaitsForTheAnswerBeforeTheNextRequest() {
    closedLoop(MS, 10_000 * MS);
    for (long n = 0; n < 3; n++) {
      Request request = server.receiveMessage();
      assertThat(request.id()).isEqualTo(n);
      // When request n arrives, the n before it have all been answered and counted: never more
      // than one request is out.
      ObjectNode counts = requests();
      assertThat(counts.get("sent").asLong()).isEqualTo(n + 1);
      assertThat(counts.get("ok").asLong()).isEqualTo(n);
      answer(request, Outcome.OK);
    }
  }

  @Test
  void requestWithNoAnswerIsCountedAsATimeout() {
    // Closed loop, so the next request comes only once the first has timed out.
    closedLoop(MS, 100 * MS);
    Request unanswered = server.receiveMessage();
    Request next = server.receiveMessage();
    assertThat(next.id()).isEqualTo(unanswered.id() + 1);
    ObjectNode counts = requests();
    assertThat(counts.get("timeouts").asLong()).isEqualTo(1);
    assertThat(counts.get("ok").asLong()).isZero();
    assertThat(counts.get("sent").asLong()).isEqualTo(2);
  }

  @Test
  void rejectedAndFailedAnswersAreCountedApart() {
    closedLoop(MS, 10_000 * MS);
    answer(server.receiveMessage(), Outcome.REJECTED);
    answer(server.receiveMessage(), Outcome.FAILED);
    answer(server.receiveMessage(), Outcome.OK);
    server.receiveMessage();
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
    Request late = server.receiveMessage();
    Request next = server.receiveMessage(); // sent once the first timed out
    // The answers reach the client in this order, so by the time the third request comes, the
    // late one has been handled: it must have changed nothing.
    answer(late, Outcome.REJECTED);
    answer(next, Outcome.OK);
    server.receiveMessage();
    ObjectNode counts = requests();
    assertThat(counts.get("timeouts").asLong()).isEqualTo(1);
    assertThat(counts.get("rejected").asLong()).isZero();
    assertThat(counts.get("ok").asLong()).isEqualTo(1);
  }
}
