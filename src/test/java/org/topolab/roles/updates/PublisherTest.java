package org.topolab.roles.updates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.topolab.distribution.Distribution;
import org.topolab.metrics.Json;
import org.topolab.network.NetMessage;
import org.topolab.node.GroupInfo;
import org.topolab.testkit.Arrival;
import org.topolab.testkit.NodeProbe;
import org.topolab.testkit.NodeTestKit;

/** The publisher (node 0) in virtual time, with one probe standing in for its subscribers (nodes 1 to N). */
class PublisherTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long MS = 1_000_000L;
  private static final int PUBLISHER = 0;

  private NodeTestKit kit;
  private NodeProbe subscribers;
  private PublisherMetrics metrics;

  /** A kit of a publisher with uplink {@code up} and {@code count} subscribers, {@code latency} apart. */
  private void network(int count, String up, Duration latency, Duration end) {
    kit =
        NodeTestKit.builder()
            .group("publisher", "publisher", 1, up, null, null)
            .group("subs", "subscriber", count, null, null, null)
            .latency(latency)
            .window(Duration.ZERO, end, Duration.ofSeconds(1))
            .build();
    int[] ids = new int[count];
    for (int i = 0; i < count; i++) {
      ids[i] = kit.id("subs", i);
    }
    subscribers = kit.probe(ids);
  }

  private void network(int count) {
    network(count, null, Duration.ZERO, Duration.ofHours(1));
  }

  private void start(long updateBytes, ReleaseSchedule schedule, GroupInfo pushTo, int pushCount) {
    Publisher.Spec spec = new Publisher.Spec(updateBytes, schedule, pushTo, pushCount);
    GroupInfo self = kit.group("publisher");
    metrics = new PublisherMetrics(kit.window(), spec, self.link().upBitsPerSecond());
    kit.spawn(PUBLISHER, node -> Publisher.create(node, spec, metrics));
  }

  private static ReleaseSchedule at(long... times) {
    return new ReleaseSchedule.At(times);
  }

  private JsonNode report() {
    ObjectNode group = Json.object();
    metrics.write(group);
    return group.get("publisher");
  }

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void releasesAtTheListedTimesAndPushesEachVersionToEveryNode() {
    network(3);
    GroupInfo subs = kit.group("subs");
    start(500, at(SECOND, 11 * SECOND, 30 * SECOND), subs, subs.count());
    List<Arrival<Update>> arrivals = subscribers.receiveArrivals(Update.class, 9);
    for (int v = 1; v <= 3; v++) {
      List<Arrival<Update>> version = arrivals.subList(3 * (v - 1), 3 * v);
      assertThat(version).extracting(Arrival::to).containsExactly(1, 2, 3);
      long released = new long[] {SECOND, 11 * SECOND, 30 * SECOND}[v - 1];
      assertThat(version).extracting(Arrival::nanos).containsOnly(released);
      Update update = version.get(0).message();
      assertThat(update.version()).isEqualTo(v);
      assertThat(update.from()).isEqualTo(PUBLISHER);
      assertThat(update.payloadBytes()).isEqualTo(500);
      assertThat(update.releasedAt(v)).isEqualTo(released);
      assertThat(update.releasedAt(1)).isEqualTo(SECOND);
    }
    subscribers.expectNoMessage(Duration.ofMinutes(30));
    JsonNode report = report();
    assertThat(report.get("releases").asLong()).isEqualTo(3);
    assertThat(report.get("push-to").asText()).isEqualTo("subs");
    assertThat(report.get("pushed-per-update").asInt()).isEqualTo(3);
    assertThat(report.get("messages-sent").asLong()).isEqualTo(9);
    assertThat(report.get("bytes-sent").asLong()).isEqualTo(9 * (Update.HEADER_BYTES + 4 + 500));
    assertThat(report.get("messages-per-update").asDouble()).isEqualTo(3.0);
    // Unlimited uplink: the push takes no time on it.
    assertThat(report.get("theory").get("push-s").asDouble()).isZero();
  }

  @Test
  void aFixedIntervalReleasesOneIntervalAfterTheStartThenEveryIntervalUntilTheCountOrTheEnd() {
    network(1, null, Duration.ZERO, Duration.ofSeconds(35));
    GroupInfo subs = kit.group("subs");
    Distribution tenSeconds = new Distribution.Constant(10 * SECOND);
    start(100, new ReleaseSchedule.Every(tenSeconds, tenSeconds, Long.MAX_VALUE), subs, 1);
    // 10, 20 and 30 s; the one due at 40 s would come after the workload's end at 35 s.
    assertThat(subscribers.receiveArrivals(Update.class, 3))
        .extracting(Arrival::nanos)
        .containsExactly(10 * SECOND, 20 * SECOND, 30 * SECOND);
    subscribers.expectNoMessage(Duration.ofMinutes(10));
  }

  @Test
  void aFirstReleaseAndACountBoundTheReleases() {
    network(1);
    GroupInfo subs = kit.group("subs");
    Distribution first = new Distribution.Constant(2 * SECOND);
    start(100, new ReleaseSchedule.Every(first, new Distribution.Constant(5 * SECOND), 3), subs, 1);
    assertThat(subscribers.receiveArrivals(Update.class, 3))
        .extracting(Arrival::nanos)
        .containsExactly(2 * SECOND, 7 * SECOND, 12 * SECOND);
    subscribers.expectNoMessage(Duration.ofMinutes(10));
  }

  @Test
  void exponentialIntervalsReleaseAtTheirRate() {
    // 2000 releases with exponential gaps of mean 1 s. Their mean is within 4 standard errors
    // (1/sqrt(2000) = 2.2% each) of 1 s, and their squared coefficient of variation, 1 for an
    // exponential (0 for a fixed period), within 4 standard errors (sqrt(8/2000) = 0.063 each).
    int releases = 2000;
    network(1);
    GroupInfo subs = kit.group("subs");
    Distribution oneSecond = new Distribution.Exponential(SECOND);
    start(0, new ReleaseSchedule.Every(oneSecond, oneSecond, releases), subs, 1);
    List<Arrival<NetMessage>> arrivals = subscribers.receiveArrivals(releases, Duration.ofHours(1));
    // The last version carries the release time of every version; each arrived when it was released.
    long[] times = ((Update) arrivals.get(releases - 1).message()).releases();
    assertThat(arrivals).extracting(Arrival::nanos).containsExactly(Arrays.stream(times).boxed().toArray(Long[]::new));
    double sum = 0;
    double squares = 0;
    long previous = 0;
    for (long time : times) {
      double gap = (time - previous) / 1e9;
      sum += gap;
      squares += gap * gap;
      previous = time;
    }
    double mean = sum / releases;
    double variance = squares / releases - mean * mean;
    assertThat(mean).isBetween(1 - 4 / Math.sqrt(releases), 1 + 4 / Math.sqrt(releases));
    assertThat(variance / (mean * mean)).isBetween(1 - 4 * Math.sqrt(8.0 / releases), 1 + 4 * Math.sqrt(8.0 / releases));
  }

  @Test
  void pushingToAllQueuesTheCopiesOnTheUplinkOneAfterTheOther() {
    // 10 copies of a 1 MB version on an 80 Mbps uplink: 1,000,020 bytes take 100.002 ms each, and
    // the n-th copy arrives n of those after the release, plus the 5 ms latency.
    network(10, "80Mbps", Duration.ofMillis(5), Duration.ofHours(1));
    GroupInfo subs = kit.group("subs");
    start(1_000_000, at(SECOND), subs, subs.count());
    List<Arrival<Update>> arrivals = subscribers.receiveArrivals(Update.class, 10);
    long copy = 100_002_000L;
    for (int n = 1; n <= 10; n++) {
      assertThat(arrivals.get(n - 1).nanos()).isEqualTo(SECOND + n * copy + 5 * MS);
      assertThat(arrivals.get(n - 1).to()).isEqualTo(subs.id(n - 1));
    }
    JsonNode report = report();
    assertThat(report.get("theory").get("push-s").asDouble()).isEqualTo(10 * copy / 1e9);
    assertThat(report.get("bytes-per-update").asDouble()).isEqualTo(10 * 1_000_020.0);
  }

  @Test
  void aPushCountSendsEachVersionToThatManyDistinctNodesPickedAtRandom() {
    // 5 of 20 nodes per version, 30 versions: each node is picked 7.5 times on average; a node
    // left out of all 30 would happen with probability (15/20)^30 = 0.02%.
    network(20);
    GroupInfo subs = kit.group("subs");
    long[] times = new long[30];
    for (int i = 0; i < times.length; i++) {
      times[i] = (i + 1) * SECOND;
    }
    start(100, at(times), subs, 5);
    Set<Integer> everPicked = new HashSet<>();
    Set<Set<Integer>> distinctPicks = new HashSet<>();
    for (int v = 1; v <= 30; v++) {
      List<Arrival<Update>> version = subscribers.receiveArrivals(Update.class, 5);
      assertThat(version).extracting(arrival -> arrival.message().version()).containsOnly(v);
      Set<Integer> picked = new HashSet<>(version.stream().map(Arrival::to).toList());
      assertThat(picked).hasSize(5).allMatch(subs::contains);
      everPicked.addAll(picked);
      distinctPicks.add(picked);
    }
    subscribers.expectNoMessage(Duration.ofMinutes(10));
    assertThat(everPicked).hasSize(20);
    assertThat(distinctPicks).hasSizeGreaterThan(25);
    JsonNode report = report();
    assertThat(report.get("pushed-per-update").asInt()).isEqualTo(5);
    assertThat(report.get("messages-per-update").asDouble()).isEqualTo(5.0);
    assertThat(report.get("theory").get("push-s").isNull()).isTrue();
  }

  @Test
  void pollsGetTheLatestVersionIfNewerAndAnUpToDateAnswerOtherwise() {
    network(2, null, Duration.ofMillis(5), Duration.ofHours(1));
    int subscriber = kit.id("subs", 0);
    start(300, at(SECOND, 2 * SECOND), null, 0);
    // Before the first release: up to date at version 0, after a round trip of 10 ms.
    kit.send(subscriber, PUBLISHER, new Poll(subscriber, 0));
    Arrival<NetMessage> answer = subscribers.expectArrival();
    assertThat(answer.message()).isEqualTo(new NotModified(PUBLISHER, 0));
    assertThat(answer.nanos()).isEqualTo(10 * MS);
    assertThat(answer.to()).isEqualTo(subscriber);
    // Nothing is pushed without a push group.
    subscribers.expectNoMessage(Duration.ofMillis(1_500));
    kit.send(subscriber, PUBLISHER, new Poll(subscriber, 0));
    assertThat(subscribers.expectMessage(Update.class)).isEqualTo(new Update(PUBLISHER, 1, new long[] {SECOND}, 300));
    kit.send(subscriber, PUBLISHER, new Poll(subscriber, 1));
    assertThat(subscribers.expectMessage(NotModified.class)).isEqualTo(new NotModified(PUBLISHER, 1));
    subscribers.expectNoMessage(Duration.ofSeconds(1));
    kit.send(subscriber, PUBLISHER, new Poll(subscriber, 1));
    assertThat(subscribers.expectMessage(Update.class)).isEqualTo(new Update(PUBLISHER, 2, new long[] {SECOND, 2 * SECOND}, 300));
    // A subscriber that somehow has a newer version than the publisher is up to date too.
    kit.send(subscriber, PUBLISHER, new Poll(subscriber, 7));
    assertThat(subscribers.expectMessage(NotModified.class)).isEqualTo(new NotModified(PUBLISHER, 2));
    JsonNode report = report();
    assertThat(report.get("releases").asLong()).isEqualTo(2);
    assertThat(report.get("polls").asLong()).isEqualTo(5);
    assertThat(report.get("messages-received").asLong()).isEqualTo(5);
    assertThat(report.get("messages-sent").asLong()).isEqualTo(5);
    assertThat(report.get("bytes-sent").asLong()).isEqualTo(3 * NotModified.BYTES + 2 * (Update.HEADER_BYTES + 4 + 300));
    assertThat(report.get("push-to").isNull()).isTrue();
    assertThat(report.get("pushed-per-update").asInt()).isZero();
  }
}
