package org.topolab.roles.clientserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
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
import org.topolab.distribution.Distribution;
import org.topolab.metrics.Json;
import org.topolab.roles.clientserver.Response.Outcome;
import org.topolab.testing.ProbeNetwork;

/** The server's protocol: a probe stands in for the client and sees every answer. */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerTest {

  private static final long MS = 1_000_000L;
  private static final int SERVER = 0;
  private static final int CLIENT = 1;

  @JUnit5TestKit public ActorTestKit kit = new JUnit5TestKitBuilder().withCustomConfig(ConfigFactory.load()).build();

  private ProbeNetwork net;
  private TestProbe<Response> client;
  private ServerMetrics metrics;

  @BeforeEach
  void network() {
    net = ProbeNetwork.of(kit, "server:server:1", "client:client:1");
    client = net.probe(CLIENT, Response.class);
  }

  @AfterEach
  void close() {
    net.close();
  }

  private void startServer(int workers, long serviceNanos, int queueLimit, long responseBytes) {
    Server.Spec spec = new Server.Spec(workers, new Distribution.Constant(serviceNanos), queueLimit, responseBytes);
    metrics = new ServerMetrics(net.window(), 1, workers);
    net.spawn(SERVER, Server.create(net.context(SERVER), spec, metrics));
  }

  private void request(long id, long responseBytes) {
    net.send(CLIENT, SERVER, new Request(CLIENT, id, 0, 200, responseBytes));
  }

  private ObjectNode report() {
    ObjectNode out = Json.object();
    metrics.write(out);
    return out;
  }

  @Test
  void answersWithTheSizeAskedForOrItsOwnDefault() {
    startServer(1, MS, 10, 777);
    request(7, 5000);
    client.expectMessage(new Response(SERVER, 7, Outcome.OK, 5000));
    request(8, 0);
    client.expectMessage(new Response(SERVER, 8, Outcome.OK, 777));
  }

  @Test
  void oneWorkerServesOneRequestAtATimeInArrivalOrder() {
    startServer(1, 50 * MS, 10, 100);
    for (long id = 1; id <= 4; id++) {
      request(id, 0);
    }
    List<Response> answers = client.receiveSeveralMessages(4);
    assertThat(answers).extracting(Response::id).containsExactly(1L, 2L, 3L, 4L);
    assertThat(answers).extracting(Response::outcome).containsOnly(Outcome.OK);
    assertThat(report().get("served").asLong()).isEqualTo(4);
  }

  @Test
  void requestsBeyondTheQueueLimitAreRejectedAtOnce() {
    // One worker, room for two in the queue: 1 is served, 2 and 3 wait, 4 and 5 are turned away
    // on arrival, long before 1 is done.
    startServer(1, 200 * MS, 2, 100);
    for (long id = 1; id <= 5; id++) {
      request(id, 0);
    }
    List<Response> answers = client.receiveSeveralMessages(5);
    assertThat(answers)
        .containsExactly(
            new Response(SERVER, 4, Outcome.REJECTED, Response.HEADER_BYTES),
            new Response(SERVER, 5, Outcome.REJECTED, Response.HEADER_BYTES),
            new Response(SERVER, 1, Outcome.OK, 100),
            new Response(SERVER, 2, Outcome.OK, 100),
            new Response(SERVER, 3, Outcome.OK, 100));
    ObjectNode report = report();
    assertThat(report.get("rejected").asLong()).isEqualTo(2);
    assertThat(report.get("served").asLong()).isEqualTo(3);
  }

  @Test
  void severalWorkersServeAtOnce() {
    // No queue at all: a request that no worker can take at once is rejected. Three workers take
    // three requests together; only the fourth is turned away.
    startServer(3, 200 * MS, 0, 100);
    for (long id = 1; id <= 4; id++) {
      request(id, 0);
    }
    List<Response> answers = client.receiveSeveralMessages(4);
    assertThat(answers.get(0)).isEqualTo(new Response(SERVER, 4, Outcome.REJECTED, Response.HEADER_BYTES));
    assertThat(answers.subList(1, 4)).extracting(Response::id).containsExactlyInAnyOrder(1L, 2L, 3L);
    assertThat(answers.subList(1, 4)).extracting(Response::outcome).containsOnly(Outcome.OK);
  }
}
