package org.topolab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.topolab.network.LinkSpec;
import org.topolab.network.NetMessage;
import org.topolab.node.NodeContext;
import org.topolab.roles.clientserver.Request;
import org.topolab.roles.clientserver.Response.Outcome;
import org.topolab.roles.clientserver.Response;

/** The test kit itself: simulated arrival times, verdicts decided by the clock, and clear failures. */
class NodeTestKitTest {

  private static final long MS = 1_000_000L;

  /** A message of a given size. */
  private record Note(String text, long bytes) implements NetMessage {
    @Override
    public long sizeBytes() {
      return bytes;
    }
  }

  private NodeTestKit kit;

  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
  }

  /** Nodes {@code a} (id 0) and {@code b} (id 1) on unlimited links, with a network latency of {@code latency}. */
  private void twoNodes(Duration latency) {
    kit = NodeTestKit.builder().group("a", 1).group("b", 1).latency(latency).build();
  }

  @Test
  void arrivalTimeIsSerialisationOnTheUplinkPlusLatency() {
    kit =
        NodeTestKit.builder()
            .group("sender", "node", 1, "1Mbps", null, null)
            .group("receiver", 1)
            .latency(Duration.ofMillis(5))
            .build();
    NodeProbe receiver = kit.probe(1);
    // 1250 bytes are 10,000 bits: 10 ms on a 1 Mbps uplink, then 5 ms on the way.
    kit.send(0, 1, new Note("a", 1250));
    Arrival<Note> arrival = receiver.expectArrival(Note.class);
    assertThat(arrival.nanos()).isEqualTo(15 * MS);
    assertThat(arrival.millis()).isEqualTo(15.0);
    assertThat(arrival.to()).isEqualTo(1);
    assertThat(kit.now()).isEqualTo(15 * MS);
    assertThat(kit.traffic(0).bytesSent()).isEqualTo(1250);
  }

  @Test
  void arrivalNamesTheSender() {
    kit = NodeTestKit.builder().group("receiver", 1).group("senders", "node", 2, LinkSpec.UNLIMITED).build();
    NodeProbe receiver = kit.probe(0);
    kit.send(2, 0, new Note("from 2", 10));
    kit.send(1, 0, new Note("from 1", 10));
    assertThat(receiver.receiveArrivals(2))
        .extracting(Arrival::from, arrival -> ((Note) arrival.message()).text())
        .containsExactly(tuple(2, "from 2"), tuple(1, "from 1"));
  }

  @Test
  void expectNoMessageIsDecidedByTheClock() {
    twoNodes(Duration.ofMillis(10_500));
    NodeProbe b = kit.probe(1);
    kit.send(0, 1, new Note("late", 10));
    // Due at 10.5 s: nothing within 10 s, however long that takes on the wall clock.
    b.expectNoMessage(Duration.ofSeconds(10));
    assertThat(kit.now()).isEqualTo(10_000 * MS);
    assertThat(b.expectArrival(Note.class).nanos()).isEqualTo(10_500 * MS);
    assertThat(kit.now()).isEqualTo(10_500 * MS);
    // The same wait over 11 s does see the next one.
    kit.send(0, 1, new Note("again", 10));
    assertThatThrownBy(() -> b.expectNoMessage(Duration.ofSeconds(11)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "expected no message at node 1 for 11.000 s of simulated time, but got Note[text=again, bytes=10] from node 0 to node 1 at 21.000 s");
  }

  @Test
  void expectMessageFailsClearlyWhenNothingArrivesInTime() {
    twoNodes(Duration.ofSeconds(5));
    NodeProbe b = kit.probe(1);
    kit.send(0, 1, new Note("slow", 10));
    assertThatThrownBy(() -> b.expectMessage(Note.class, Duration.ofSeconds(3)))
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected Note at node 1 within 3.000 s of simulated time, but nothing arrived (clock at 3.000 s)");
    // The clock stopped at the limit, and the message is still on its way.
    assertThat(kit.now()).isEqualTo(3_000 * MS);
    assertThat(b.expectMessage(Note.class)).isEqualTo(new Note("slow", 10));
  }

  @Test
  void advanceToNextEventReportsAnEmptyQueue() {
    twoNodes(Duration.ofSeconds(1));
    kit.probe(1);
    kit.advance(Duration.ofSeconds(2));
    assertThat(kit.advanceToNextEvent()).isFalse();
    assertThat(kit.now()).isEqualTo(2_000 * MS);
    kit.send(0, 1, new Note("x", 10));
    assertThat(kit.pending()).isEqualTo(1);
    assertThat(kit.advanceToNextEvent()).isTrue();
    assertThat(kit.now()).isEqualTo(3_000 * MS);
    assertThat(kit.pending()).isZero();
  }

  @Test
  void aNodeThatThrowsFailsTheNextKitCallNamingTheNode() {
    twoNodes(Duration.ZERO);
    kit.spawn(
        1,
        node ->
            Behaviors.<String>setup(
                context -> {
                  node.after(1_000 * MS, context.getSelf(), "tick");
                  return Behaviors.receiveMessage(
                      tick -> {
                        throw new IllegalStateException("boom at " + node.now());
                      });
                }));
    kit.advance(Duration.ofMillis(999));
    assertThatThrownBy(() -> kit.advance(Duration.ofSeconds(1)))
        .isInstanceOf(AssertionError.class)
        .hasMessage("node b failed: java.lang.IllegalStateException: boom at 1000000000");
  }

  @Test
  void aNodeHasOneActorOrProbe() {
    twoNodes(Duration.ZERO);
    kit.spawn(0, Behaviors.empty());
    assertThatThrownBy(() -> kit.spawn(0, Behaviors.empty()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("node a (id 0) already has an actor or a probe");
    assertThatThrownBy(() -> kit.probe(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("node a (id 0)");
  }

  @Test
  void theKitIsUsedFromTheThreadThatBuiltIt() {
    twoNodes(Duration.ZERO);
    CompletableFuture<Void> elsewhere = CompletableFuture.runAsync(() -> kit.send(0, 1, new Note("x", 10)));
    assertThatThrownBy(elsewhere::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a NodeTestKit is used from the thread that built it (" + Thread.currentThread().getName() + ")");
    assertThat(kit.traffic(0).messagesSent()).isZero();
  }

  @Test
  void messagesToANodeWithNoActorOrProbeAreUnclaimed() {
    twoNodes(Duration.ofMillis(7));
    Note note = new Note("nobody", 10);
    kit.send(0, 1, note);
    assertThat(kit.unclaimed()).isEmpty();
    kit.advance(Duration.ofSeconds(1));
    assertThat(kit.unclaimed()).containsExactly(new Arrival<>(7 * MS, 0, 1, note));
  }

  @Test
  void aScenarioKitBuildsNodesFromTheirRoleAndReadsTheirReport() {
    kit =
        NodeTestKit.forScenario(
            """
            duration = 10s
            network.latency = 5ms
            groups {
              server { role = server, workers = 2, service-time = 100ms, response-size = 3000 }
              clients { role = client, target = server, think-time = 1s }
            }
            """);
    int server = kit.id("server", 0);
    int client = kit.id("clients", 0);
    kit.spawn(server);
    NodeProbe probe = kit.probe(client);
    for (long id = 1; id <= 3; id++) {
      kit.send(client, server, new Request(client, id, 0, 100, 0));
    }
    // Two workers take requests 1 and 2 on arrival at 5 ms; 3 waits for one of them. Each answer
    // has the scenario's response size and comes back 5 ms after it leaves.
    List<Arrival<NetMessage>> answers = probe.receiveArrivals(3);
    assertThat(answers).extracting(Arrival::nanos).containsExactly(110 * MS, 110 * MS, 210 * MS);
    assertThat(answers)
        .extracting(arrival -> (Response) arrival.message())
        .extracting(Response::bytes, Response::outcome)
        .containsOnly(tuple(3000L, Outcome.OK));
    ObjectNode report = kit.report("server");
    assertThat(report.get("workers").asInt()).isEqualTo(2);
    assertThat(report.get("served").asLong()).isEqualTo(3);
    // 300 ms of work for 2 workers over the 10 s window.
    assertThat(report.get("utilisation").asDouble()).isCloseTo(0.3 / 2 / 10, within(1e-9));
  }

  @Test
  void anInvalidScenarioListsItsProblemsByLineAndKey() {
    // Given as text, the scenario is called "scenario": the temporary file it was read from is gone.
    String scenario = "duration = 10s\ngroups { server { role = server, service-time = 1ms } }\ndurration = 5s\n";
    String problems = "invalid scenario:\nscenario:3: durration: unknown key; did you mean 'duration'?";
    assertThatThrownBy(() -> NodeTestKit.forScenario(scenario)).isInstanceOf(IllegalArgumentException.class).hasMessage(problems);
    assertThatThrownBy(() -> Scenarios.run(scenario)).isInstanceOf(IllegalArgumentException.class).hasMessage(problems);
  }

  @Test
  void scenariosRunsAWholeScenarioAndReturnsItsReport() {
    ScenarioReport report =
        Scenarios.run(
            """
            duration = 10s
            network.latency = 2ms
            groups {
              server { role = server, service-time = 10ms }
              clients { role = client, target = server, arrival = 1s }
            }
            """);
    assertThat(report.runs()).hasSize(1);
    JsonNode requests = report.run(0).group("clients").get("requests");
    // One request a second from a random phase in the first second: ten in 10 s, each answered
    // after the service time and a 2 ms trip each way, with nothing to queue behind.
    assertThat(requests.get("sent").asLong()).isEqualTo(10);
    assertThat(requests.get("ok").asLong()).isEqualTo(10);
    assertThat(requests.get("latency-ms").get("mean").asDouble()).isEqualTo(14.0);
    assertThat(report.run(0).group("server").get("rejected").asLong()).isZero();
  }

  @Test
  void aBehaviourRunSynchronouslyByPekkosBehaviorTestKitSendsThroughTheNetwork() {
    twoNodes(Duration.ofMillis(3));
    NodeProbe b = kit.probe(1);
    // A node that passes on what it is told to node 1, run step by step on this thread.
    NodeContext a = kit.context(0);
    Behavior<String> relay =
        Behaviors.receiveMessage(
            text -> {
              a.send(1, new Note(text, 10));
              return Behaviors.same();
            });
    BehaviorTestKit<String> testKit = BehaviorTestKit.create(relay);
    testKit.run("hello");
    Arrival<Note> arrival = b.expectArrival(Note.class);
    assertThat(arrival.message()).isEqualTo(new Note("hello", 10));
    assertThat(arrival.from()).isEqualTo(0);
    assertThat(arrival.nanos()).isEqualTo(3 * MS);
  }
}
