package org.topolab.roles.updates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.topolab.metrics.Json;
import org.topolab.node.GroupInfo;
import org.topolab.testkit.Arrival;
import org.topolab.testkit.NodeProbe;
import org.topolab.testkit.NodeTestKit;

/** Subscribers (nodes 1 to N) in virtual time, with a probe standing in for their publisher (node 0). */
class SubscriberTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long MS = 1_000_000L;
  private static final int PUBLISHER = 0;

  private NodeTestKit kit;
  private NodeProbe publisher;
  private UpdateMetrics metrics;

  /** {@code count} subscribers that poll every {@code pollInterval} (0: never), 5 ms from their publisher. */
  private GroupInfo start(int count, long pollInterval) {
    kit =
        NodeTestKit.builder()
            .group("publisher", "publisher", 1, null, null, null)
            .group("subs", "subscriber", count, null, null, null)
            .latency(Duration.ofMillis(5))
            .build();
    publisher = kit.probe(PUBLISHER);
    GroupInfo subs = kit.group("subs");
    metrics = new UpdateMetrics(kit.window(), count);
    Subscriber.Spec spec = new Subscriber.Spec(kit.group("publisher"), pollInterval);
    for (int i = 0; i < count; i++) {
      kit.spawn(subs.id(i), node -> Subscriber.create(node, spec, metrics));
    }
    return subs;
  }

  private JsonNode updates() {
    ObjectNode group = Json.object();
    metrics.write(group);
    return group.get("updates");
  }

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void eachSubscriberPollsEveryIntervalFromARandomPointOfTheFirst() {
    // 20 subscribers polling every 10 s, 5 ms away: three rounds of polls.
    GroupInfo subs = start(20, 10 * SECOND);
    Map<Integer, List<Long>> polls = new HashMap<>();
    for (Arrival<Poll> poll : publisher.receiveArrivals(Poll.class, 60)) {
      assertThat(poll.message().from()).isEqualTo(poll.from());
      assertThat(poll.message().version()).isZero();
      polls.computeIfAbsent(poll.from(), from -> new ArrayList<>()).add(poll.nanos());
    }
    assertThat(polls.keySet()).hasSize(20).allMatch(subs::contains);
    List<Long> phases = new ArrayList<>();
    for (List<Long> times : polls.values()) {
      // Sent at the phase, received 5 ms later; then exactly one interval apart.
      long phase = times.get(0) - 5 * MS;
      assertThat(phase).isBetween(0L, 10 * SECOND - 1);
      assertThat(times).containsExactly(phase + 5 * MS, phase + 10 * SECOND + 5 * MS, phase + 20 * SECOND + 5 * MS);
      phases.add(phase);
    }
    // Independent uniform phases: all different, and spread over the interval (the range of 20
    // uniform draws falls below half the interval with probability 21 / 2^20 = 0.002%).
    assertThat(new HashSet<>(phases)).hasSize(20);
    assertThat(Collections.max(phases) - Collections.min(phases)).isGreaterThan(5 * SECOND);
  }

  @Test
  void aPollCarriesTheVersionTheSubscriberHasAndTheAnswerRecordsWhenItArrived() {
    // One subscriber; the test answers its polls as a publisher would, with version 1 released at 2 s.
    GroupInfo subs = start(1, 10 * SECOND);
    int subscriber = subs.id(0);
    long firstPoll = publisher.expectArrival(Poll.class).nanos();
    kit.send(PUBLISHER, subscriber, new NotModified(PUBLISHER, 0));
    Update version1 = new Update(PUBLISHER, 1, new long[] {2 * SECOND}, 1000);
    Arrival<Poll> second = publisher.expectArrival(Poll.class);
    assertThat(second.nanos()).isEqualTo(firstPoll + 10 * SECOND);
    assertThat(second.message().version()).isZero();
    kit.send(PUBLISHER, subscriber, version1);
    long reachedAt = kit.now() + 5 * MS;
    Arrival<Poll> third = publisher.expectArrival(Poll.class);
    assertThat(third.message().version()).isEqualTo(1);
    JsonNode updates = updates();
    // It got version 1 one network latency after the test sent it, once, with nothing redundant.
    double delay = Json.seconds(reachedAt - 2 * SECOND);
    assertThat(updates.get("coverage-s").get("100").asDouble()).isEqualTo(delay);
    assertThat(updates.get("per-update").get(0).get("coverage-s").get("50").asDouble()).isEqualTo(delay);
    assertThat(updates.get("deliveries").asLong()).isEqualTo(1);
    assertThat(updates.get("redundant-deliveries").asDouble()).isZero();
    // Both answers count as messages received: the up-to-date one (20 bytes) and the version (1020 bytes).
    assertThat(updates.get("messages-per-node").asDouble()).isEqualTo(2.0);
    assertThat(updates.get("bytes-per-node").asDouble()).isEqualTo(NotModified.BYTES + version1.sizeBytes());
  }

  @Test
  void aSubscriberWithoutAPollIntervalWaitsForPushesAndCountsRepeatsAsRedundant() {
    // Four subscribers that never poll. The test pushes version 2 (versions released at 1 and 3 s)
    // to each at 4 s, then version 1 again to one of them, and version 2 again to another.
    GroupInfo subs = start(4, 0);
    publisher.expectNoMessage(Duration.ofSeconds(4));
    long[] releases = {SECOND, 3 * SECOND};
    Update version2 = new Update(PUBLISHER, 2, releases, 100);
    for (int i = 0; i < 4; i++) {
      kit.send(PUBLISHER, subs.id(i), version2);
    }
    kit.send(PUBLISHER, subs.id(0), new Update(PUBLISHER, 1, new long[] {SECOND}, 100));
    kit.send(PUBLISHER, subs.id(1), version2);
    publisher.expectNoMessage(Duration.ofMinutes(10));
    JsonNode updates = updates();
    // Each got version 1 (skipped) and 2 at 4.005 s: 3.005 s and 1.005 s after their releases.
    assertThat(updates.get("released").asInt()).isEqualTo(2);
    assertThat(updates.get("per-update").get(0).get("coverage-s").get("100").asDouble()).isEqualTo(3.005);
    assertThat(updates.get("per-update").get(1).get("coverage-s").get("100").asDouble()).isEqualTo(1.005);
    // 6 deliveries, 2 of them redundant, over 4 nodes and 2 versions.
    assertThat(updates.get("deliveries").asLong()).isEqualTo(6);
    assertThat(updates.get("redundant-deliveries").asDouble()).isEqualTo(0.25);
    assertThat(updates.get("messages-per-node").asDouble()).isEqualTo(0.75);
  }
}
