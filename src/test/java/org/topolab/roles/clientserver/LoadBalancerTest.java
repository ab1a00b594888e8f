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

  /** A client (node 0), the balancer (node 1) and {@code servers} backends (nodes 2...). */
  private GroupInfo start(int servers, LoadBalancer.Strategy strategy, long timeoutNanos) {
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
    LoadBalancer.Spec spec = new LoadBalancer.Spec(group, strategy, ring, timeoutNanos);
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
}
