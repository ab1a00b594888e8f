package org.topolab.roles.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.topolab.metrics.Json;
import org.topolab.network.LinkSpec;
import org.topolab.roles.aggregation.Averaging.Push;
import org.topolab.roles.aggregation.Averaging.Reply;
import org.topolab.roles.aggregation.Averaging.Timing;
import org.topolab.testkit.Arrival;
import org.topolab.testkit.NodeProbe;
import org.topolab.testkit.NodeTestKit;

/**
 * An averaging node's steps in virtual time: node 0 runs the role, a probe stands in for the rest
 * of its group. Messages take 10 ms each way. Node 0 starts with the value 1 (the group's first
 * node, {@code linear}).
 */
class AveragingTest {

  private static final long MS = 1_000_000L;
  private static final long SECOND = 1_000 * MS;
  private static final int NODE = 0;
  private static final int OTHER = 1;

  private NodeTestKit kit;
  private NodeProbe others;
  private AveragingMetrics metrics;

  @AfterEach
  void close() {
    kit.close();
  }

  /** A group of {@code size} nodes, node 0 averaging for {@code cycles} cycles of 1 s, the others probed. */
  private void start(int size, int cycles, Timing timing) {
    kit =
        NodeTestKit.builder()
            .group("peers", "averaging", size, LinkSpec.UNLIMITED)
            .latency(Duration.ofMillis(10))
            .expectWithin(Duration.ofSeconds(cycles + 10))
            .build();
    int[] ids = new int[size - 1];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i + 1;
    }
    others = kit.probe(ids);
    Averaging.Spec spec = new Averaging.Spec(kit.group("peers"), SECOND, cycles, new InitialValue.Linear(), timing);
    metrics = new AveragingMetrics(size, SECOND, cycles);
    kit.spawn(NODE, node -> Averaging.create(node, spec, metrics));
  }

  /** Moves the clock to {@code nanos} from the start. */
  private void at(long nanos) {
    kit.advanceNanos(nanos - kit.now());
  }

  private JsonNode report() {
    ObjectNode out = Json.object();
    metrics.write(out);
    return out.get("averaging");
  }

  @Test
  void theInitiatorTakesTheAverageOfItsValueAndTheReply() {
    start(2, 2, Timing.ROUNDS);
    Arrival<Push> push = others.expectArrival(Push.class);
    assertThat(push).isEqualTo(new Arrival<>(10 * MS, NODE, OTHER, new Push(NODE, 1.0)));
    kit.send(OTHER, NODE, new Reply(5.0));
    // The next cycle's push carries (1 + 5) / 2.
    assertThat(others.expectArrival(Push.class)).isEqualTo(new Arrival<>(SECOND + 10 * MS, NODE, OTHER, new Push(NODE, 3.0)));
    assertThat(report().get("exchanges").asLong()).isEqualTo(1);
    assertThat(report().get("exchanges-overlapped").asLong()).isZero();
  }

  @Test
  void theReceiverRepliesWithItsValueThenTakesTheAverage() {
    start(2, 2, Timing.ROUNDS);
    others.expectArrival(Push.class);
    kit.send(OTHER, NODE, new Push(OTHER, 9.0));
    assertThat(others.expectArrival(Reply.class)).isEqualTo(new Arrival<>(30 * MS, NODE, OTHER, new Reply(1.0)));
    assertThat(others.expectArrival(Push.class).message()).isEqualTo(new Push(NODE, 5.0));
    assertThat(report().get("exchanges").asLong()).as("a push received is the other node's exchange").isZero();
  }

  @Test
  void aPushThatComesBetweenItsOwnPushAndTheReplyOverlapsTheExchange() {
    start(2, 2, Timing.ROUNDS);
    at(5 * MS);
    kit.send(OTHER, NODE, new Push(OTHER, 5.0)); // arrives at 15 ms: the value becomes 3
    others.expectArrival(Push.class); // node 0's own push, sent at 0 with its value 1, here at 10 ms
    kit.send(OTHER, NODE, new Reply(7.0)); // arrives at 20 ms: the average of 3 and 7, not of 1 and 7
    assertThat(others.expectMessage(Reply.class)).isEqualTo(new Reply(1.0));
    assertThat(others.expectArrival(Push.class).message()).isEqualTo(new Push(NODE, 5.0));
    assertThat(report().get("exchanges").asLong()).isEqualTo(1);
    assertThat(report().get("exchanges-overlapped").asLong()).isEqualTo(1);
  }

  @Test
  void startsOneExchangePerCycleForItsCyclesThenStops() {
    start(2, 3, Timing.ROUNDS);
    List<Arrival<Push>> pushes = others.receiveArrivals(Push.class, 3);
    assertThat(pushes).extracting(Arrival::nanos).containsExactly(10 * MS, SECOND + 10 * MS, 2 * SECOND + 10 * MS);
    others.expectNoMessage(Duration.ofSeconds(10));
    assertThat(kit.pending()).isZero();
  }

  @Test
  void withARandomPhaseItStartsAtAPointOfTheFirstCycleDrawnFromItsStream() {
    start(2, 2, Timing.RANDOM_PHASE);
    // linear values draw nothing: the node's first draw is its phase.
    long phase = kit.context(NODE).random().nextLong(SECOND);
    List<Arrival<Push>> pushes = others.receiveArrivals(Push.class, 2);
    assertThat(pushes).extracting(Arrival::nanos).containsExactly(phase + 10 * MS, phase + SECOND + 10 * MS);
  }

  @Test
  void picksEachOtherNodeUniformlyAndNeverItself() {
    int cycles = 400;
    start(5, cycles, Timing.ROUNDS);
    int[] picked = new int[5];
    for (Arrival<Push> push : others.receiveArrivals(Push.class, cycles)) {
      picked[push.to()]++;
    }
    assertThat(picked[NODE]).isZero();
    // 100 each expected; a binomial's standard deviation here is 8.7.
    for (int id = 1; id < 5; id++) {
      assertThat(picked[id]).as("pushes to node %d", id).isBetween(65, 135);
    }
  }

  @Test
  void recordsTheValueHeldAtEachCycleBoundaryBeforeAnyChangeAtThatInstant() {
    start(2, 3, Timing.ROUNDS);
    others.expectArrival(Push.class);
    kit.send(OTHER, NODE, new Reply(3.0)); // at 20 ms: 2
    at(990 * MS);
    kit.send(OTHER, NODE, new Push(OTHER, 6.0)); // at exactly 1 s, with the tick: boundary 1 is 2, then 4
    at(1500 * MS);
    kit.send(OTHER, NODE, new Push(OTHER, 8.0)); // at 1.51 s: 6, held at 2 s
    at(2500 * MS);
    kit.send(OTHER, NODE, new Push(OTHER, 10.0)); // at 2.51 s: 8, held at 3 s, recorded by the last tick
    at(3500 * MS);
    kit.send(OTHER, NODE, new Push(OTHER, 10.0)); // at 3.51 s: after the last boundary, recorded nowhere
    at(5 * SECOND);
    double[] held = new double[4];
    for (int k = 0; k <= 3; k++) {
      assertThat(metrics.boundary(k).count()).as("boundary %d", k).isEqualTo(1);
      held[k] = metrics.boundary(k).mean();
    }
    assertThat(held).containsExactly(1.0, 2.0, 6.0, 8.0);
  }

  @Test
  void aNodeThatNeverChangesIsRecordedByItsTicksAlone() {
    start(2, 3, Timing.RANDOM_PHASE);
    at(5 * SECOND);
    for (int k = 0; k <= 3; k++) {
      assertThat(metrics.boundary(k).count()).as("boundary %d", k).isEqualTo(1);
      assertThat(metrics.boundary(k).mean()).isEqualTo(1.0);
    }
  }
}
