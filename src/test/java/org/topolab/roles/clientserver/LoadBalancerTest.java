package org.topolab.roles.clientserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.topolab.metrics.Json;
import org.topolab.network.NetMessage;
import org.topolab.node.GroupInfo;
import org.topolab.roles.clientserver.Response.Outcome;
import org.topolab.testkit.Arrival;
import org.topolab.testkit.NodeProbe;
import org.topolab.testkit.NodeTestKit;

/**
 * The load balancer's protocol in virtual time: probes stand in for the client and for every
 * backend. Each hop takes the network's 5 ms, so the arrival times show which hops a message took.
 */
class LoadBalancerTest {

  private static final long MS = 1_000_000L;
  private static final long HOP = 5 * MS;
  private static final int CLIENT = 0;
  private static final int BALANCER = 1;

  private NodeTestKit kit;
  private NodeProbe client;
  private NodeProbe backends;
  private LoadBalancerMetrics metrics;

  /** A client (node 0), the balancer (node 1) and {@code servers} backends (nodes 2...); no health checks, no failover. */
  private GroupInfo start(int servers, LoadBalancer.Strategy strategy, long timeoutNanos) {
    return start(servers, strategy, timeoutNanos, new LoadBalancer.Failover(1, timeoutNanos), null);
  }

  /** As {@link #start(int, LoadBalancer.Strategy, long)}, failing over and checking its backends as told. */
  private GroupInfo start(
      int servers, LoadBalancer.Strategy strategy, long timeoutNanos, LoadBalancer.Failover failover, LoadBalancer.HealthChecks checks) {
    kit =
        NodeTestKit.builder()
            .group("client", 1)
            .group("balancer", "load-balancer", 1, null, null, null)
            .group("servers", "server", servers, null, null, null)
            .latency(Duration.ofNanos(HOP))
            .build();
    GroupInfo group = kit.group("servers");
    client = kit.probe(CLIENT);
    int[] ids = new int[servers];
    for (int i = 0; i < servers; i++) {
      ids[i] = group.id(i);
    }
    backends = kit.probe(ids);
    ConsistentHashRing ring = strategy == LoadBalancer.Strategy.CONSISTENT_HASH ? new ConsistentHashRing(servers, 100) : null;
    metrics = new LoadBalancerMetrics(kit.window(), servers);
    LoadBalancer.Spec spec = new LoadBalancer.Spec(group, strategy, ring, timeoutNanos, failover, checks);
    kit.spawn(BALANCER, node -> LoadBalancer.create(node, spec, metrics));
    return group;
  }

  @AfterEach
  void close() {
    kit.close();
  }

  private void request(long id, long key) {
    kit.send(CLIENT, BALANCER, new Request(CLIENT, id, key, 300, 0));
  }

  private Arrival<Request> forwarded() {
    return backends.expectArrival(Request.class);
  }

  /** Which backend node each request key went to, for {@code count} forwarded requests. */
  private Map<Long, Set<Integer>> backendsByKey(int count) {
    Map<Long, Set<Integer>> byKey = new HashMap<>();
    for (Arrival<NetMessage> forwarded : backends.receiveArrivals(count)) {
      byKey.computeIfAbsent(((Request) forwarded.message()).key(), key -> new HashSet<>()).add(forwarded.to());
    }
    return byKey;
  }

  @Test
  void roundRobinCyclesThroughTheBackends() {
    start(3, LoadBalancer.Strategy.ROUND_ROBIN, 10_000 * MS);
    for (long i = 0; i < 6; i++) {
      request(i, i); // the key tells the requests apart
    }
    Map<Long, Set<Integer>> byKey = backendsByKey(6);
    // Requests 0, 1, 2 go to three different backends, and 3, 4, 5 repeat that cycle.
    Set<Integer> firstCycle = new HashSet<>();
    for (long i = 0; i < 3; i++) {
      assertThat(byKey.get(i)).hasSize(1);
      firstCycle.addAll(byKey.get(i));
      assertThat(byKey.get(i + 3)).isEqualTo(byKey.get(i));
    }
    assertThat(firstCycle).containsExactlyInAnyOrder(2, 3, 4);
  }

  @Test
  void consistentHashSendsAKeyToTheSameBackendEveryTime() {
    GroupInfo servers = start(3, LoadBalancer.Strategy.CONSISTENT_HASH, 10_000 * MS);
    for (int round = 0; round < 3; round++) {
      for (long key = 0; key < 20; key++) {
        request(round * 100 + key, key);
      }
    }
    Map<Long, Set<Integer>> byKey = backendsByKey(60);
    ConsistentHashRing ring = new ConsistentHashRing(3, 100);
    Set<Integer> used = new HashSet<>();
    for (long key = 0; key < 20; key++) {
      // One backend per key, the one that owns the key on a ring of the same shape.
      assertThat(byKey.get(key)).containsExactly(servers.id(ring.backendFor(key)));
      used.addAll(byKey.get(key));
    }
    assertThat(used).hasSizeGreaterThan(1);
  }

  @Test
  void leastOutstandingAvoidsABackendWithARequestInFlight() {
    start(2, LoadBalancer.Strategy.LEAST_OUTSTANDING, 10_000 * MS);
    request(100, 0);
    int busy = forwarded().to(); // never answered: it stays in flight
    // Each further request is answered before the next is sent, so the other backend always has
    // none in flight and gets every one; round-robin would send every other one to the busy backend.
    for (long id = 0; id < 4; id++) {
      request(id, id);
      Arrival<Request> forwarded = forwarded();
      assertThat(forwarded.to()).isNotEqualTo(busy);
      kit.send(forwarded.to(), BALANCER, new Response(forwarded.to(), forwarded.message().id(), Outcome.OK, 500));
      client.expectMessage(new Response(BALANCER, id, Outcome.OK, 500));
    }
  }

  @Test
  void answerIsRelayedToTheClientUnderItsOwnId() {
    start(1, LoadBalancer.Strategy.ROUND_ROBIN, 10_000 * MS);
    kit.send(CLIENT, BALANCER, new Request(CLIENT, 42, 9, 300, 4000));
    Arrival<Request> forwarded = forwarded();
    // The backend sees the balancer as the sender, under the balancer's own id; the rest is kept.
    // It gets the request two hops after the client sent it: the balancer forwards at once.
    assertThat(forwarded.nanos()).isEqualTo(2 * HOP);
    assertThat(forwarded.from()).isEqualTo(BALANCER);
    Request request = forwarded.message();
    assertThat(request.from()).isEqualTo(BALANCER);
    assertThat(request.key()).isEqualTo(9);
    assertThat(request.bytes()).isEqualTo(300);
    assertThat(request.responseBytes()).isEqualTo(4000);
    kit.send(forwarded.to(), BALANCER, new Response(forwarded.to(), request.id(), Outcome.REJECTED, 64));
    Arrival<Response> answer = client.expectArrival(Response.class);
    assertThat(answer.message()).isEqualTo(new Response(BALANCER, 42, Outcome.REJECTED, 64));
    assertThat(answer.from()).isEqualTo(BALANCER);
    assertThat(answer.nanos()).isEqualTo(4 * HOP);
  }

  @Test
  void backendThatNeverAnswersYieldsFailedAfterTheTimeout() {
    start(1, LoadBalancer.Strategy.ROUND_ROBIN, 200 * MS);
    request(5, 0);
    Arrival<Request> forwarded = forwarded();
    // The timeout runs from the moment the balancer forwarded the request, one hop after it was sent.
    Arrival<Response> failed = client.expectArrival(Response.class);
    assertThat(failed.message()).isEqualTo(new Response(BALANCER, 5, Outcome.FAILED, Response.HEADER_BYTES));
    assertThat(failed.nanos()).isEqualTo(HOP + 200 * MS + HOP);
    // An answer that comes after the timeout is dropped: the client has had its answer.
    kit.send(forwarded.to(), BALANCER, new Response(forwarded.to(), forwarded.message().id(), Outcome.OK, 500));
    client.expectNoMessage(Duration.ofSeconds(1));
    ObjectNode report = Json.object();
    metrics.write(report);
    assertThat(report.get("failed").asLong()).isEqualTo(1);
    assertThat(report.get("forwarded").asLong()).isEqualTo(1);
  }

  @Test
  void countsWhatEachBackendWasSent() {
    start(2, LoadBalancer.Strategy.ROUND_ROBIN, 10_000 * MS);
    for (long i = 0; i < 4; i++) {
      request(i, i);
    }
    backends.receiveArrivals(4);
    // Round-robin over two backends: two each.
    assertThat(metrics.perBackend()).containsExactly(2, 2);
  }

  // Failover and health checks.

  private static final int FIRST = 2;
  private static final int SECOND = 3;
  private static final LoadBalancer.HealthChecks CHECKS = new LoadBalancer.HealthChecks(1000 * MS, 200 * MS, 2, 2);

  private ObjectNode report() {
    ObjectNode report = Json.object();
    metrics.write(report);
    return report;
  }

  /**
   * Lets {@code rounds} rounds of health checks arrive at the backends, one check each per round;
   * the backends in {@code alive} answer theirs. Returns when the last round's answers have arrived.
   */
  private void checkRounds(int rounds, Set<Integer> alive) {
    for (int round = 0; round < rounds; round++) {
      for (Arrival<Ping> check : backends.receiveArrivals(Ping.class, 2)) {
        assertThat(check.from()).isEqualTo(BALANCER);
        if (alive.contains(check.to())) {
          kit.send(check.to(), BALANCER, check.message().pong(check.to()));
        }
      }
    }
    kit.advance(Duration.ofNanos(HOP));
  }

  /** Waits out the checks of the last round: those unanswered fail when their timeout ends. */
  private void checkTimeoutsEnd() {
    kit.advance(Duration.ofNanos(CHECKS.timeoutNanos()));
  }

  @Test
  void healthChecksMarkASilentBackendDownAndARecoveredOneUp() {
    start(2, LoadBalancer.Strategy.ROUND_ROBIN, 10_000 * MS, new LoadBalancer.Failover(1, 10_000 * MS), CHECKS);
    // The second backend stops answering: after two failed checks in a row it is down.
    checkRounds(1, Set.of(FIRST));
    checkTimeoutsEnd();
    assertThat(report().get("backends-down").asLong()).isZero(); // one failure is not enough
    checkRounds(1, Set.of(FIRST));
    checkTimeoutsEnd();
    assertThat(report().get("backends-down").asLong()).isEqualTo(1);
    // Round-robin now sends every request to the first backend: none to the one that is down.
    for (long id = 0; id < 4; id++) {
      request(id, id);
      Arrival<Request> forwarded = forwarded();
      assertThat(forwarded.to()).isEqualTo(FIRST);
      kit.send(FIRST, BALANCER, new Response(FIRST, forwarded.message().id(), Outcome.OK, 500));
    }
    // It answers again: one passed check is not enough, two in a row bring it back.
    checkRounds(1, Set.of(FIRST, SECOND));
    assertThat(report().get("backends-up").asLong()).isZero();
    checkRounds(1, Set.of(FIRST, SECOND));
    assertThat(report().get("backends-up").asLong()).isEqualTo(1);
    request(10, 10);
    request(11, 11);
    assertThat(backendsByKey(2).values()).containsExactlyInAnyOrder(Set.of(FIRST), Set.of(SECOND));
    // Two backends checked in each of four rounds.
    assertThat(report().get("health-checks").asLong()).isEqualTo(8);
    assertThat(report().get("failovers").asLong()).isZero();
  }

  @Test
  void aRequestWhoseBackendIsSilentGoesToAnotherAfterTheTryTimeout() {
    start(2, LoadBalancer.Strategy.ROUND_ROBIN, 1000 * MS, new LoadBalancer.Failover(1, 100 * MS), null);
    request(7, 0);
    Arrival<Request> first = forwarded();
    Arrival<Request> second = forwarded();
    // The same request, to the other backend, when the first has had its 100 ms.
    assertThat(second.to()).isNotEqualTo(first.to());
    assertThat(second.message()).isEqualTo(first.message());
    assertThat(second.nanos()).isEqualTo(first.nanos() + 100 * MS);
    kit.send(second.to(), BALANCER, new Response(second.to(), second.message().id(), Outcome.OK, 500));
    client.expectMessage(new Response(BALANCER, 7, Outcome.OK, 500));
    // The first backend answers after all: the request is answered already.
    kit.send(first.to(), BALANCER, new Response(first.to(), first.message().id(), Outcome.OK, 500));
    client.expectNoMessage(Duration.ofSeconds(2));
    assertThat(report().get("failovers").asLong()).isEqualTo(1);
    assertThat(report().get("failed").asLong()).isZero();
    assertThat(metrics.perBackend()).containsExactly(1, 1);
  }

  @Test
  void failoverStaysWithinTheTimeoutAndTheRetries() {
    // Three backends, one retry, 100 ms a try and 150 ms in all: the second try gets the 50 ms left.
    start(3, LoadBalancer.Strategy.ROUND_ROBIN, 150 * MS, new LoadBalancer.Failover(1, 100 * MS), null);
    request(8, 0);
    Arrival<Request> first = forwarded();
    Arrival<Request> second = forwarded();
    assertThat(second.nanos()).isEqualTo(first.nanos() + 100 * MS);
    Arrival<Response> failed = client.expectArrival(Response.class);
    assertThat(failed.message()).isEqualTo(new Response(BALANCER, 8, Outcome.FAILED, Response.HEADER_BYTES));
    // The balancer forwarded it a hop before it arrived, and its answer takes a hop back.
    assertThat(failed.nanos()).isEqualTo(first.nanos() - HOP + 150 * MS + HOP);
    // No third try: the retry is spent, and so is the time.
    backends.expectNoMessage(Duration.ofSeconds(1));
    assertThat(report().get("failovers").asLong()).isEqualTo(1);
    assertThat(report().get("failed").asLong()).isEqualTo(1);
  }

  @Test
  void theRequestsOfABackendMarkedDownGoElsewhereAtOnce() {
    LoadBalancer.HealthChecks fallAfterOne = new LoadBalancer.HealthChecks(1000 * MS, 200 * MS, 1, 2);
    start(2, LoadBalancer.Strategy.ROUND_ROBIN, 10_000 * MS, new LoadBalancer.Failover(1, 10_000 * MS), fallAfterOne);
    checkRounds(1, Set.of(FIRST, SECOND));
    request(9, 0);
    Arrival<Request> first = forwarded();
    int other = first.to() == FIRST ? SECOND : FIRST;
    // The backend that holds the request fails its next check: it is down when the check's time is
    // up, and the request goes to the other backend then, not after the balancer's 10 s.
    Arrival<Ping> check = null;
    for (Arrival<Ping> arrival : backends.receiveArrivals(Ping.class, 2)) {
      if (arrival.to() == other) {
        kit.send(other, BALANCER, arrival.message().pong(other));
      } else {
        check = arrival;
      }
    }
    Arrival<Request> again = forwarded();
    assertThat(again.to()).isEqualTo(other);
    assertThat(again.message()).isEqualTo(first.message());
    assertThat(again.nanos()).isEqualTo(check.nanos() - HOP + CHECKS.timeoutNanos() + HOP);
    kit.send(other, BALANCER, new Response(other, again.message().id(), Outcome.OK, 500));
    client.expectMessage(new Response(BALANCER, 9, Outcome.OK, 500));
    assertThat(report().get("failovers").asLong()).isEqualTo(1);
    assertThat(report().get("backends-down").asLong()).isEqualTo(1);
  }

  @Test
  void withEveryBackendDownARequestFailsAtOnce() {
    start(2, LoadBalancer.Strategy.LEAST_OUTSTANDING, 10_000 * MS, new LoadBalancer.Failover(1, 10_000 * MS), CHECKS);
    checkRounds(2, Set.of());
    checkTimeoutsEnd();
    long sent = kit.now();
    request(3, 0);
    // Answered by the balancer itself, a hop there and a hop back; no backend sees the request.
    Arrival<Response> failed = client.expectArrival(Response.class);
    assertThat(failed.message()).isEqualTo(new Response(BALANCER, 3, Outcome.FAILED, Response.HEADER_BYTES));
    assertThat(failed.nanos()).isEqualTo(sent + 2 * HOP);
    assertThat(report().get("no-backend").asLong()).isEqualTo(1);
    assertThat(report().get("backends-down").asLong()).isEqualTo(2);
    assertThat(metrics.perBackend()).containsExactly(0, 0);
  }

  @Test
  void aBalancerAnswersTheHealthChecksOfOneInFrontOfIt() {
    start(1, LoadBalancer.Strategy.ROUND_ROBIN, 10_000 * MS);
    kit.send(CLIENT, BALANCER, new Ping(CLIENT, 4));
    client.expectMessage(new Pong(BALANCER, 4));
  }
}
