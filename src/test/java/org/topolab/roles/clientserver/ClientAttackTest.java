package org.topolab.roles.clientserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.topolab.distribution.Distribution;
import org.topolab.metrics.Json;
import org.topolab.roles.clientserver.Response.Outcome;
import org.topolab.testkit.NodeProbe;
import org.topolab.testkit.NodeTestKit;

/** What a client's requests present, by its attack, and how it takes a refusal; a probe stands in for the server. */
class ClientAttackTest {

  private static final long MS = 1_000_000L;
  private static final int CLIENT = 0;
  private static final int SERVER = 1;
  private static final Credentials ALICE = new Credentials("alice", "a-secret");

  private NodeTestKit kit;
  private NodeProbe server;
  private ClientMetrics metrics;

  @BeforeEach
  void network() {
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

  /** A client sending a request every 10 ms, retrying a failure up to 3 times, that presents {@code credentials} as {@code attack} says. */
  private void start(Credentials credentials, Attack attack) {
    Client.Spec spec =
        new Client.Spec(
            kit.group("server"), new Distribution.Constant(10 * MS), null, 300, 2000, 1000 * MS,
            new Client.Retry(3, 5 * MS, 0), 10, false, credentials, attack);
    kit.spawn(CLIENT, node -> Client.create(node, spec, metrics));
  }

  private List<Request> requests(int count) {
    return server.receiveMessages(Request.class, count);
  }

  @Test
  void aClientPresentsItsOwnCredentialsAndAFloodDoesToo() {
    for (Attack attack : new Attack[] {Attack.NONE, Attack.FLOOD}) {
      kit.close();
      network();
      start(ALICE, attack);
      assertThat(requests(3)).extracting(Request::credentials).as(attack.key()).containsOnly(ALICE);
    }
  }

  @Test
  void noCredentialsPresentsNone() {
    start(ALICE, Attack.NO_CREDENTIALS);
    assertThat(requests(3)).extracting(Request::credentials).containsOnlyNulls();
  }

  @Test
  void wrongCredentialsClaimTheUserWithANewGuessEachTime() {
    start(new Credentials("alice", null), Attack.WRONG_CREDENTIALS);
    List<Request> sent = requests(20);
    Set<String> guesses = new HashSet<>();
    for (Request request : sent) {
      assertThat(request.credentials().user()).isEqualTo("alice");
      assertThat(request.credentials().secret()).isNotEqualTo(ALICE.secret());
      guesses.add(request.credentials().secret());
    }
    assertThat(guesses).hasSize(20);
    // Each request names its client, the sender itself.
    assertThat(sent).extracting(Request::client).containsOnly(CLIENT);
  }

  @Test
  void refusalsAreFinalAndCountedApart() {
    start(ALICE, Attack.NONE);
    List<Request> sent = requests(3);
    kit.send(SERVER, CLIENT, new Response(SERVER, sent.get(0).id(), Outcome.UNAUTHORISED, Response.HEADER_BYTES));
    kit.send(SERVER, CLIENT, new Response(SERVER, sent.get(1).id(), Outcome.RATE_LIMITED, Response.HEADER_BYTES));
    kit.send(SERVER, CLIENT, new Response(SERVER, sent.get(2).id(), Outcome.OK, 2000));
    // Not sent again, unlike a FAILED answer: the next requests are new ones.
    assertThat(requests(2)).extracting(Request::id).doesNotContain(sent.get(0).id(), sent.get(1).id());
    ObjectNode group = Json.object();
    metrics.write(group);
    ObjectNode answered = (ObjectNode) group.get("requests");
    assertThat(answered.get("unauthorised").asLong()).isEqualTo(1);
    assertThat(answered.get("rate-limited").asLong()).isEqualTo(1);
    assertThat(answered.get("ok").asLong()).isEqualTo(1);
    assertThat(answered.get("retries").asLong()).isZero();
  }
}
