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

/** The server's protocol in virtual time: a probe stands in for the client and sees every answer, and when. */
class ServerTest {

  private static final long MS = 1_000_000L;
  private static final int SERVER = 0;
  private static final int CLIENT = 1;

  private NodeTestKit kit;
  private NodeProbe client;
  private ServerMetrics metrics;

  @BeforeEach
  void network() {
    kit = NodeTestKit.builder().group("server", 1).group("client", 1).build();
    client = kit.probe(CLIENT);
  }

  @AfterEach
  void close() {
    kit.close();
  }

  private void startServer(int workers, long serviceNanos, int queueLimit, long responseBytes) {
    Server.Spec spec = new Server.Spec(workers, new Distribution.Constant(serviceNanos), queueLimit, responseBytes);
    metrics = new ServerMetrics(kit.window(), 1, workers);
    kit.spawn(SERVER, node -> Server.create(node, spec, metrics));
  }

  private void request(long id, long responseBytes) {
    kit.send(CLIENT, SERVER, new Request(CLIENT, id, 0, 200, responseBytes));
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
    List<Arrival<org.topolab.network.NetMessage>> answers = client.receiveArrivals(4);
    assertThat(answers).extracting(a -> ((Response) a.message()).id()).containsExactly(1L, 2L, 3L, 4L);
    assertThat(answers).extracting(a -> ((Response) a.message()).outcome()).containsOnly(Outcome.OK);
    // On an instant network the n-th answer leaves when n services of 50 ms are done.
    assertThat(answers).extracting(Arrival::nanos).containsExactly(50 * MS, 100 * MS, 150 * MS, 200 * MS);
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
    List<Arrival<org.topolab.network.NetMessage>> answers = client.receiveArrivals(5);
    assertThat(answers)
        .extracting(Arrival::message)
        .containsExactly(
            new Response(SERVER, 4, Outcome.REJECTED, Response.HEADER_BYTES),
            new Response(SERVER, 5, Outcome.REJECTED, Response.HEADER_BYTES),
            new Response(SERVER, 1, Outcome.OK, 100),
            new Response(SERVER, 2, Outcome.OK, 100),
            new Response(SERVER, 3, Outcome.OK, 100));
    assertThat(answers.get(0).nanos()).isZero();
    assertThat(answers.get(1).nanos()).isZero();
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
    List<Response> answers = client.receiveMessages(Response.class, 4);
    assertThat(answers.get(0)).isEqualTo(new Response(SERVER, 4, Outcome.REJECTED, Response.HEADER_BYTES));
    assertThat(answers.subList(1, 4)).extracting(Response::id).containsExactlyInAnyOrder(1L, 2L, 3L);
    assertThat(answers.subList(1, 4)).extracting(Response::outcome).containsOnly(Outcome.OK);
    assertThat(kit.now()).isEqualTo(200 * MS);
    client.expectNoMessage(Duration.ofSeconds(10));
  }
}
