package org.topolab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.topolab.engine.MeasuredGroup;
import org.topolab.metrics.Json;
import org.topolab.metrics.LatencyStats;
import org.topolab.node.GroupInfo;
import org.topolab.role.GroupMetrics;
import org.topolab.role.GroupModel;
import org.topolab.testkit.NodeTestKit;

/**
 * Metrics restored from a snapshot into fresh metrics report and merge exactly as the originals:
 * the built-in roles' metrics after real activity, and classes the way a role author writes them.
 */
class MetricsSnapshotsTest {

  private static final String CLIENT_SERVER =
      """
      duration = 10s
      warmup = 1s
      network.latency = { distribution = uniform, min = 1ms, max = 5ms }
      groups {
        server { role = server, count = 2, workers = 2, queue-limit = 3, service-time { distribution = exponential, mean = 20ms } }
        balancer { role = load-balancer, backends = server }
        clients { role = client, count = 4, target = balancer, arrival { distribution = poisson, rate = 60/s }, timeout = 100ms }
      }
      """;

  private static final String PEER_TO_PEER =
      """
      duration = 60s
      network.latency = { distribution = uniform, min = 5ms, max = 20ms }
      groups {
        origin { role = file-server, link { up = 20Mbps, down = 20Mbps }, file-size = 2MB, chunk-size = 64KiB }
        tracker { role = tracker }
        peers {
          role = peer, count = 4, link { up = 5Mbps, down = 20Mbps }
          source = origin, tracker = tracker, neighbours = 3, seed-time = forever
        }
      }
      """;

  @Test
  void clientServerAndLoadBalancerMetricsRoundTrip() {
    List<MeasuredGroup<?>> first = run(CLIENT_SERVER, 12, "seed=1");
    List<MeasuredGroup<?>> second = run(CLIENT_SERVER, 12, "seed=2");
    assertThat(first).extracting(group -> group.metrics().getClass().getSimpleName())
        .containsExactly("ServerMetrics", "LoadBalancerMetrics", "ClientMetrics");
    // The timeouts and the short queues made every outcome happen, so all of them travel.
    ObjectNode requests = (ObjectNode) report(first.get(2)).get("requests");
    assertThat(requests.get("ok").asLong()).isPositive();
    assertThat(requests.get("timeouts").asLong()).isPositive();
    assertThat(requests.get("rejected").asLong()).isPositive();
    for (int i = 0; i < first.size(); i++) {
      assertRoundTrip(first.get(i), second.get(i));
    }
  }

  @Test
  void fileServerPeerAndTrackerMetricsRoundTrip() {
    List<MeasuredGroup<?>> first = run(PEER_TO_PEER, 60, "seed=1");
    List<MeasuredGroup<?>> second = run(PEER_TO_PEER, 60, "seed=2");
    assertThat(first).extracting(group -> group.metrics().getClass().getSimpleName())
        .containsExactly("Uploads", "None", "DownloadMetrics");
    ObjectNode peers = report(first.get(2));
    assertThat(peers.get("downloads").get("completed").asInt()).isEqualTo(4);
    assertThat(peers.get("uploaded-bytes").asLong()).isPositive();
    for (int i = 0; i < first.size(); i++) {
      assertRoundTrip(first.get(i), second.get(i));
    }
  }

  @Test
  void aRoleAuthorsClassWithFinalFieldsAndNoDefaultConstructorRoundTrips() {
    UserMetrics a = new UserMetrics("pings", 3);
    UserMetrics b = new UserMetrics("pings", 3);
    a.record(0, 1_500_000, 0.1);
    a.record(2, 2_700_000, 0.2);
    a.lose();
    b.record(1, 90_000_000, 1e-300);
    b.record(2, 3_000, Math.PI);
    UserMetrics restoredA = restored(a, new UserMetrics("pings", 3));
    UserMetrics restoredB = restored(b, new UserMetrics("pings", 3));
    assertThat(restoredA.describe()).isEqualTo(a.describe()).contains("perSecond=[1, 0, 1]", "lost=1");
    restoredA.merge(restoredB);
    a.merge(b);
    assertThat(restoredA.describe()).isEqualTo(a.describe());
    assertThat(MetricsSnapshots.snapshot(restoredA)).isEqualTo(MetricsSnapshots.snapshot(a));
  }

  @Test
  void histogramPercentilesAndCountsSurviveAndTheRestoredOneStillGrows() {
    HistogramHolder original = new HistogramHolder();
    for (long i = 1; i <= 10_000; i++) {
      original.histogram.recordValue(i * i * 37 % 5_000_000_007L);
      original.latency.record(i * 1_000 + i % 7);
      original.bounded.recordValue(i);
    }
    HistogramHolder restored = restored(original, new HistogramHolder());
    assertThat(restored.histogram).isEqualTo(original.histogram);
    assertThat(restored.histogram.getTotalCount()).isEqualTo(10_000);
    for (double percentile : new double[] {0, 1, 50, 90, 99, 99.9, 100}) {
      assertThat(restored.histogram.getValueAtPercentile(percentile)).isEqualTo(original.histogram.getValueAtPercentile(percentile));
      assertThat(restored.latency.percentileNanos(percentile)).isEqualTo(original.latency.percentileNanos(percentile));
    }
    assertThat(restored.latency.count()).isEqualTo(10_000);
    assertThat(restored.latency.meanNanos()).isEqualTo(original.latency.meanNanos());
    // The restored histogram keeps its auto-resize: it takes a value far beyond what it held.
    Histogram wide = new Histogram(3);
    wide.recordValue(1L << 50);
    restored.histogram.add(wide);
    original.histogram.add(wide);
    assertThat(restored.histogram).isEqualTo(original.histogram);
    assertThat(restored.histogram.getMaxValue()).isEqualTo(original.histogram.getMaxValue());
    // One made with a fixed range keeps it, and still refuses what does not fit.
    assertThat(restored.bounded).isEqualTo(original.bounded);
    assertThat(restored.bounded.isAutoResize()).isFalse();
    assertThat(restored.bounded.getHighestTrackableValue()).isEqualTo(original.bounded.getHighestTrackableValue());
  }

  @Test
  void doublesAndFloatsComeBackBitForBit() {
    Doubles original = new Doubles();
    double[] values = {0.1 + 0.2, Math.PI / 3, Double.MIN_VALUE, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, 1e-310};
    System.arraycopy(values, 0, original.values, 0, values.length);
    original.one = 1.0 / 3;
    original.boxed = -1e300 / 7;
    original.single = 1.0f / 3;
    Doubles restored = restored(original, new Doubles());
    for (int i = 0; i < values.length; i++) {
      assertThat(Double.doubleToRawLongBits(restored.values[i])).as("value %d", i).isEqualTo(Double.doubleToRawLongBits(values[i]));
    }
    assertThat(Double.doubleToRawLongBits(restored.one)).isEqualTo(Double.doubleToRawLongBits(1.0 / 3));
    assertThat(restored.boxed).isEqualTo(-1e300 / 7);
    assertThat(Float.floatToRawIntBits(restored.single)).isEqualTo(Float.floatToRawIntBits(1.0f / 3));
  }

  @Test
  void aFieldThatCannotTravelIsNamed() {
    assertThatThrownBy(() -> MetricsSnapshots.snapshot(new WithThread()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot snapshot field " + WithThread.class.getName() + ".worker of type java.lang.Thread: not one of")
        .hasNoCause();
    assertThatThrownBy(() -> MetricsSnapshots.snapshot(new WithLambda()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(WithLambda.class.getName() + ".clock")
        .hasMessageContaining("a lambda");
    assertThatThrownBy(() -> MetricsSnapshots.snapshot(new WithMap()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot snapshot field " + WithMap.class.getName() + ".perKey of type java.util.Map: not one of");
  }

  @Test
  void aSnapshotGoesOnlyIntoItsOwnClass() {
    byte[] snapshot = MetricsSnapshots.snapshot(new Doubles());
    assertThatThrownBy(() -> MetricsSnapshots.restore(snapshot, new HistogramHolder()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a snapshot of " + Doubles.class.getName() + " cannot be restored into a " + HistogramHolder.class.getName());
  }

  // --- built-in metrics from real runs ---

  /** The groups of a scenario after every node of it ran for {@code seconds} of simulated time. */
  private static List<MeasuredGroup<?>> run(String scenario, int seconds, String... overrides) {
    try (NodeTestKit kit = NodeTestKit.forScenario(scenario, overrides)) {
      List<MeasuredGroup<?>> groups = new ArrayList<>();
      for (GroupInfo group : kit.topology().groups()) {
        kit.spawnGroup(group.name());
        groups.add(kit.measured(group.name()));
      }
      kit.advance(Duration.ofSeconds(seconds));
      return groups;
    }
  }

  /**
   * Restored copies of {@code a} and {@code b} (the same group in two runs) report as they do, and
   * merged they report as {@code a} and {@code b} merged.
   */
  @SuppressWarnings("unchecked")
  private static <M extends GroupMetrics<M>> void assertRoundTrip(MeasuredGroup<M> a, MeasuredGroup<?> other) {
    MeasuredGroup<M> b = (MeasuredGroup<M>) other;
    GroupModel<M> model = a.model();
    M copyA = restored(a.metrics(), model.newMetrics());
    M copyB = restored(b.metrics(), model.newMetrics());
    String what = a.metrics().getClass().getSimpleName();
    assertThat(report(model, copyA)).as(what).isEqualTo(report(a));
    assertThat(report(model, copyB)).as(what).isEqualTo(report(b));
    if (!(a.metrics() instanceof GroupMetrics.None)) {
      assertThat(report(a)).as("%s measured something", what).isNotEqualTo(report(model, model.newMetrics()));
    }
    copyA.merge(copyB);
    a.metrics().merge(b.metrics());
    assertThat(report(model, copyA)).as(what).isEqualTo(report(a));
    assertThat(MetricsSnapshots.snapshot(copyA)).as(what).isEqualTo(MetricsSnapshots.snapshot(a.metrics()));
  }

  private static ObjectNode report(MeasuredGroup<?> group) {
    ObjectNode out = Json.object();
    group.report(out);
    return out;
  }

  private static <M extends GroupMetrics<M>> ObjectNode report(GroupModel<M> model, M metrics) {
    ObjectNode out = Json.object();
    model.report(out, metrics);
    return out;
  }

  private static <T> T restored(T original, T fresh) {
    MetricsSnapshots.restore(MetricsSnapshots.snapshot(original), fresh);
    return fresh;
  }

  // --- classes as role authors write them ---

  /** What the user's nodes do in a period; a superclass with a field of the same name as one below. */
  abstract static class Counted {
    protected long lost;
    protected final AtomicLong events = new AtomicLong();
  }

  enum Phase { STARTING, RUNNING }

  record Extremes(double low, double high) {}

  /** A role author's metrics: final fields, a constructor with arguments, no annotations. */
  static final class UserMetrics extends Counted implements GroupMetrics<UserMetrics> {
    private final String name;
    private final LatencyStats latency = new LatencyStats();
    private final long[] perSecond;
    private final LongAdder bytes = new LongAdder();
    private final Object lock = new Object();
    private final Part part = new Part();
    private double total;
    private Extremes extremes = new Extremes(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    private Phase phase = Phase.STARTING;
    private Integer firstSecond;
    private int lost;

    UserMetrics(String name, int seconds) {
      this.name = name;
      this.perSecond = new long[seconds];
    }

    void record(int second, long nanos, double amount) {
      synchronized (lock) {
        latency.record(nanos);
        perSecond[second]++;
        bytes.add(100);
        events.incrementAndGet();
        part.count += 2;
        total += amount;
        extremes = new Extremes(Math.min(extremes.low(), amount), Math.max(extremes.high(), amount));
        phase = Phase.RUNNING;
        firstSecond = firstSecond == null ? second : Math.min(firstSecond, second);
        super.lost += 10;
      }
    }

    void lose() {
      lost++;
    }

    @Override
    public void merge(UserMetrics other) {
      latency.merge(other.latency);
      for (int i = 0; i < perSecond.length; i++) {
        perSecond[i] += other.perSecond[i];
      }
      bytes.add(other.bytes.sum());
      events.addAndGet(other.events.get());
      part.count += other.part.count;
      total += other.total;
      extremes = new Extremes(Math.min(extremes.low(), other.extremes.low()), Math.max(extremes.high(), other.extremes.high()));
      phase = other.phase == Phase.RUNNING ? Phase.RUNNING : phase;
      firstSecond = other.firstSecond == null ? firstSecond : firstSecond == null ? other.firstSecond : Math.min(firstSecond, other.firstSecond);
      super.lost += other.superLost();
      lost += other.lost;
    }

    long superLost() {
      return super.lost;
    }

    String describe() {
      return String.format(
          "%s perSecond=%s lost=%d superLost=%d latency=%d/%s/%d bytes=%d events=%d part=%d total=%s extremes=%s phase=%s first=%s",
          name, Arrays.toString(perSecond), lost, super.lost, latency.count(), latency.meanNanos(), latency.percentileNanos(99),
          bytes.sum(), events.get(), part.count, total, extremes, phase, firstSecond);
    }

    /** A nested object of the author's own, held in a final field. */
    static final class Part {
      long count;
    }
  }

  static final class HistogramHolder {
    private final Histogram histogram = new Histogram(3);
    private final Histogram bounded = new Histogram(1_000_000, 3);
    private final LatencyStats latency = new LatencyStats();
  }

  static final class Doubles {
    private final double[] values = new double[8];
    private double one;
    private Double boxed;
    private float single;
  }

  static final class WithThread {
    private final long count = 1;
    private final Thread worker = new Thread(() -> {});
  }

  /** The author's own interface: a lambda implementing it is no object with fields. */
  interface Clock {
    long now();
  }

  static final class WithLambda {
    private final Clock clock = () -> 42;
  }

  static final class WithMap {
    private final Map<String, Long> perKey = new HashMap<>();
  }
}
