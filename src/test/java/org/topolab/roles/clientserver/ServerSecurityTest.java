package org.topolab.roles.clientserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.topolab.distribution.Distribution;
import org.topolab.metrics.Json;
import org.topolab.network.NetMessage;
import org.topolab.roles.clientserver.Response.Outcome;
import org.topolab.settings.Problems;
import org.topolab.settings.Settings;
import org.topolab.testkit.Arrival;
import org.topolab.testkit.NodeProbe;
import org.topolab.testkit.NodeTestKit;

/** The server's door in virtual time: its access-control list and its rate limit, and what it counts. */
class ServerSecurityTest {

  private static final long MS = 1_000_000L;
  private static final int SERVER = 0;
  private static final int CLIENT = 1;
  private static final int OTHER = 2;
  private static final Credentials ALICE = new Credentials("alice", "a-secret");
  private static final Credentials BOB = new Credentials("bob", "b-secret");

  private static final String ACL =
      """
      users { alice = "a-secret", bob = "b-secret" }
      acl { "0-499" = [alice, bob], "500-599" = [alice], "*" = "*" }
      """;

  private NodeTestKit kit;
  private NodeProbe client;
  private NodeProbe other;
  private ServerMetrics metrics;

  @BeforeEach
  void network() {
    kit = NodeTestKit.builder().group("server", 1).group("client", 2).build();
    client = kit.probe(CLIENT);
    other = kit.probe(OTHER);
  }

  @AfterEach
  void close() {
    kit.close();
  }

  /** The server's keys as a scenario gives them; there must be no problem with them. */
  private static Settings settings(String text) {
    Problems problems = new Problems("test");
    ConfigObject object = ConfigFactory.parseString(text).root();
    Settings settings = new Settings(object, object.origin(), "", problems, null);
    assertThat(problems.list()).isEmpty();
    return settings;
  }

  private void startServer(String keys) {
    startServer(keys, 100);
  }

  /** One worker taking 10 ms a request, {@code queueLimit} places in its queue, and the door {@code keys} describe. */
  private void startServer(String keys, int queueLimit) {
    Settings in = settings(keys);
    Server.Spec spec =
        new Server.Spec(1, new Distribution.Constant(10 * MS), queueLimit, 500, AccessControl.read(in), RateLimiter.Limit.read(in));
    metrics = new ServerMetrics(kit.window(), 1, 1);
    kit.spawn(SERVER, node -> Server.create(node, spec, metrics));
  }

  private void request(int from, long id, long key, Credentials credentials) {
    kit.send(from, SERVER, new Request(from, id, key, 200, 0, from, credentials));
  }

  private Outcome answer(long id, long key, Credentials credentials) {
    request(CLIENT, id, key, credentials);
    Response response = client.expectMessage(Response.class);
    assertThat(response.id()).isEqualTo(id);
    return response.outcome();
  }

  private ObjectNode security(boolean enforced) {
    ObjectNode out = Json.object();
    metrics.writeSecurity(out, enforced);
    return (ObjectNode) out.get("security");
  }

  @Test
  void theListAllowsValidCredentialsOfAUserTheKeysEntryNames() {
    startServer(ACL);
    assertThat(answer(1, 10, ALICE)).isEqualTo(Outcome.OK);
    assertThat(answer(2, 10, BOB)).isEqualTo(Outcome.OK);
    assertThat(answer(3, 550, ALICE)).isEqualTo(Outcome.OK);
    assertThat(answer(4, 550, BOB)).isEqualTo(Outcome.UNAUTHORISED); // 500-599 is alice's only
    assertThat(answer(5, 900, BOB)).isEqualTo(Outcome.OK); // "*": any user, for the keys no range names
    assertThat(answer(6, 10, null)).isEqualTo(Outcome.UNAUTHORISED);
    assertThat(answer(7, 10, new Credentials("alice", "guess"))).isEqualTo(Outcome.UNAUTHORISED);
    assertThat(answer(8, 10, new Credentials("mallory", "a-secret"))).isEqualTo(Outcome.UNAUTHORISED);
    ObjectNode security = security(true);
    assertThat(security.get("protected").asBoolean()).isTrue();
    assertThat(security.get("unauthorised-attempts").asLong()).isEqualTo(4);
    assertThat(security.get("unauthorised-served").asLong()).isZero();
    assertThat(security.get("rate-limited").asLong()).isZero();
  }

  @Test
  void refusalsTakeNoWorkerAndCarryNoContent() {
    // A request takes 10 ms of the one worker; a refused one is answered at once, headers only,
    // even while the worker is busy.
    startServer(ACL);
    request(CLIENT, 1, 10, ALICE);
    request(CLIENT, 2, 10, null);
    List<Arrival<NetMessage>> answers = client.receiveArrivals(2);
    assertThat(answers.get(0).message()).isEqualTo(new Response(SERVER, 2, Outcome.UNAUTHORISED, Response.HEADER_BYTES));
    assertThat(answers.get(0).nanos()).isZero();
    assertThat(answers.get(1).message()).isEqualTo(new Response(SERVER, 1, Outcome.OK, 500));
    assertThat(answers.get(1).nanos()).isEqualTo(10 * MS);
  }

  @Test
  void aKeyNoEntryCoversIsAllowedToNoOne() {
    startServer("""
        users { alice = "a-secret" }
        acl { "0-99" = [alice] }
        """);
    assertThat(answer(1, 99, ALICE)).isEqualTo(Outcome.OK);
    assertThat(answer(2, 100, ALICE)).isEqualTo(Outcome.UNAUTHORISED);
  }

  @Test
  void notEnforcedTheListOnlyCountsWhatItWouldRefuse() {
    startServer(ACL + "access-control = off");
    assertThat(answer(1, 10, null)).isEqualTo(Outcome.OK);
    assertThat(answer(2, 550, BOB)).isEqualTo(Outcome.OK);
    assertThat(answer(3, 10, ALICE)).isEqualTo(Outcome.OK);
    ObjectNode security = security(false);
    assertThat(security.get("protected").asBoolean()).isFalse();
    assertThat(security.get("unauthorised-attempts").asLong()).isEqualTo(2);
    assertThat(security.get("unauthorised-served").asLong()).isEqualTo(2);
  }

  @Test
  void anUnauthorisedRequestTheQueueRejectsIsNotCountedAsServed() {
    startServer(ACL + "access-control = off", 0);
    request(CLIENT, 1, 10, null);
    request(CLIENT, 2, 10, null);
    assertThat(client.receiveMessages(Response.class, 2)).extracting(Response::outcome).containsExactly(Outcome.REJECTED, Outcome.OK);
    ObjectNode security = security(false);
    assertThat(security.get("unauthorised-attempts").asLong()).isEqualTo(2);
    assertThat(security.get("unauthorised-served").asLong()).isEqualTo(1);
  }

  @Test
  void theRateLimitIsATokenBucketPerClient() {
    // 10 a second (one token per 100 ms), 3 at once. No access control: anyone may ask.
    startServer("rate-limit { rate = 10/s, burst = 3 }");
    for (long id = 1; id <= 5; id++) {
      request(CLIENT, id, id, null);
    }
    List<Response> first = client.receiveMessages(Response.class, 5);
    assertThat(first.stream().filter(r -> r.outcome() == Outcome.RATE_LIMITED).map(Response::id)).containsExactly(4L, 5L);
    assertThat(first.stream().filter(r -> r.outcome() == Outcome.OK)).hasSize(3);
    // Another client has a bucket of its own, full.
    request(OTHER, 6, 6, null);
    assertThat(other.expectMessage(Response.class).outcome()).isEqualTo(Outcome.OK);
    // The bucket, emptied at 0, refills at the rate: at 100 ms it holds one token, not two.
    assertThat(kit.now()).isLessThan(100 * MS);
    kit.advanceNanos(100 * MS - kit.now());
    request(CLIENT, 7, 7, null);
    request(CLIENT, 8, 8, null);
    List<Response> later = client.receiveMessages(Response.class, 2);
    assertThat(later).extracting(Response::outcome).containsExactlyInAnyOrder(Outcome.OK, Outcome.RATE_LIMITED);
    ObjectNode security = security(false);
    assertThat(security.get("rate-limited").asLong()).isEqualTo(3);
    assertThat(security.get("unauthorised-attempts").asLong()).isZero();
  }

  @Test
  void aProxyPassesTheClientOnSoTheLimitIsTheClientsNotTheProxys() {
    startServer("rate-limit { rate = 1/s, burst = 1 }");
    // Two clients' requests arrive through one proxy (node OTHER): each client has its own bucket.
    kit.send(OTHER, SERVER, new Request(CLIENT, 1, 1, 200, 0).forwarded(OTHER, 100));
    kit.send(OTHER, SERVER, new Request(OTHER, 2, 2, 200, 0).forwarded(OTHER, 101));
    kit.send(OTHER, SERVER, new Request(CLIENT, 3, 3, 200, 0).forwarded(OTHER, 102));
    List<Response> answers = other.receiveMessages(Response.class, 3);
    assertThat(answers.stream().filter(r -> r.outcome() == Outcome.RATE_LIMITED).map(Response::id)).containsExactly(102L);
  }
}
