package org.topolab.roles.clientserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.topolab.engine.PekkoConfig;
import org.topolab.metrics.Json;
import org.topolab.node.GroupInfo;
import org.topolab.roles.clientserver.Response.Outcome;
import org.topolab.testing.ProbeNetwork;
import org.topolab.testing.ProbeNetwork.Received;

/** The load balancer's protocol: probes stand in for the client and for every backend. */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadBalancerTest {

  private static final long MS = 1_000_000L;
  private static final int CLIENT = 0;
  private static final int BALANCER = 1;

  @JUnit5TestKit public ActorTestKit kit = new JUnit5TestKitBuilder().withCustomConfig(PekkoConfig.load()).build();

  private ProbeNetwork net;
  private TestProbe<Response> client;
  private TestProbe<Received<Request>> backends;
  private LoadBalancerMetrics metrics;

  /** A client (node 0), the balancer (node 1) and {@code servers} backends (nodes 2...). */
  private GroupInfo start(int servers, LoadBalancer.Strategy strategy, long timeoutNanos) {
    net = ProbeNetwork.of(kit, "client:client:1", "balancer:load-balancer:1", "servers:server:" + servers);
    GroupInfo group = net.group("servers");
    client = net.probe(CLIENT, Response.class);
    int[] ids = new int[servers];
    for (int i = 0; i < servers; i++) {
      ids[i] = group.id(i);
    }
    backends = net.probe(Request.class, ids);
    ConsistentHashRing ring = strategy == LoadBalancer.Strategy.CONSISTENT_HASH ? new ConsistentHashRing(servers, 100) : null;
    metrics = new LoadBalancerMetrics(net.window(), servers);
    net.spawn(BALANCER, LoadBalancer.create(net.context(BALANCER), new LoadBalancer.Spec(group, strategy, ring, timeoutNanos), metrics));
    return group;
  }

  @AfterEach
  void close() {
    net.close();
  }

  private void request(long id, long key) {
    net.send(CLIENT, BALANCER, new Request(CLIENT, id, key, 300, 0));
  }

  /** Which backend node each request key went to, for {@code count} forwarded requests. */
  private Map<Long, Set<Integer>> backendsByKey(int count) {
    Map<Long, Set<Integer>> byKey = new HashMap<>();
    for (Received<Request> forwarded : backends.receiveSeveralMessages(count)) {
      byKey.computeIfAbsent(forwarded.message().key(), key -> new HashSet<>()).add(forwarded.node());
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
    int busy = backends.receiveMessage().node(); // never answered: it stays in flight
    // Each further request is answered before the next is sent, so the other backend always has
    // none in flight and gets every one; round-robin would send every other one to the busy backend.
    for (long id = 0; id < 4; id++) {
      request(id, id);
      Received<Request> forwarded = backends.receiveMessage();
      assertThat(forwarded.node()).isNotEqualTo(busy);
      net.send(forwarded.node(), BALANCER, new Response(forwarded.node(), forwarded.message().id(), Outcome.OK, 500));
      client.expectMessage(new Response(BALANCER, id, Outcome.OK, 500));
    }
  }

  @Test
  void answerIsRelayedToTheClientUnderItsOwnId() {
    start(1, LoadBalancer.Strategy.ROUND_ROBIN, 10_000 * MS);
    net.send(CLIENT, BALANCER, new Request(CLIENT, 42, 9, 300, 4000));
    Received<Request> forwarded = backends.receiveMessage();
    // The backend sees the balancer as the sender, under the balancer's own id; the rest is kept.
    Request request = forwarded.message();
    assertThat(request.from()).isEqualTo(BALANCER);
    assertThat(request.key()).isEqualTo(9);
    assertThat(request.bytes()).isEqualTo(300);
    assertThat(request.responseBytes()).isEqualTo(4000);
    net.send(forwarded.node(), BALANCER, new Response(forwarded.node(), request.id(), Outcome.REJECTED, 64));
    client.expectMessage(new Response(BALANCER, 42, Outcome.REJECTED, 64));
  }

  @Test
  void backendThatNeverAnswersYieldsFailedAfterTheTimeout() {
    start(1, LoadBalancer.Strategy.ROUND_ROBIN, 200 * MS);
    request(5, 0);
    backends.receiveMessage();
    client.expectMessage(new Response(BALANCER, 5, Outcome.FAILED, Response.HEADER_BYTES));
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
    backends.receiveSeveralMessages(4);
    // Round-robin over two backends: two each.
    assertThat(metrics.perBackend()).containsExactly(2, 2);
  }
}
