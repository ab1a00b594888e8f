package org.topolab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.topolab.engine.PekkoConfig;
import org.topolab.metrics.Json;
import org.topolab.roles.RoleRegistry;
import org.topolab.run.ExperimentRunner;
import org.topolab.scenario.ScenarioLoader;
import org.topolab.settings.ScenarioException;
import org.topolab.testkit.Scenarios;

/**
 * A cluster inside one JVM: three members on 127.0.0.1 (one with two partitions) and a
 * coordinator, each an actor system of its own, so that every message between them really goes
 * through Artery and Jackson CBOR. A run on them reports exactly what the same run reports in one
 * JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterRunTest {

  private final List<Member> members = new ArrayList<>();
  private ClusterDeployment coordinator;

  @BeforeAll
  void formTheCluster() throws Exception {
    Member first = Member.start(new ClusterSettings("127.0.0.1", 0, List.of()), PekkoConfig.load(), 1);
    members.add(first);
    members.add(Member.start(new ClusterSettings("127.0.0.1", 0, List.of(first.address())), PekkoConfig.load(), 2));
    members.add(Member.start(new ClusterSettings("127.0.0.1", 0, List.of(first.address())), PekkoConfig.load(), 1));
    // Generous: on a busy machine the cluster takes its time to form.
    coordinator = ClusterDeployment.join(new ClusterSettings("127.0.0.1", 0, List.of(first.address())), PekkoConfig.load(), 3, Duration.ofSeconds(120));
  }

  @AfterAll
  void leave() {
    if (coordinator != null) {
      coordinator.close();
    }
    members.forEach(Member::close);
  }

  private ObjectNode onTheCluster(Path scenario, String... overrides) throws Exception {
    RoleRegistry roles = new RoleRegistry();
    return new ExperimentRunner(coordinator, roles).run(new ScenarioLoader(roles).load(scenario, List.of(overrides)), (n, t, r) -> {}).report();
  }

  /** The report as text, without the fields that depend on the wall clock or the layout. */
  private static String comparable(ObjectNode report) throws Exception {
    ObjectNode json = report.deepCopy();
    for (JsonNode run : json.get("runs")) {
      ObjectNode engine = (ObjectNode) run.get("engine");
      engine.remove(List.of("wall-seconds", "spawn-seconds", "partitions", "members"));
    }
    return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
  }

  @Test
  void theMembersAreDescribedInAddressOrderWithTheirPartitions() {
    assertThat(coordinator.members()).hasSize(3);
    assertThat(coordinator.members()).extracting(ClusterProtocol.Description::slots).containsExactlyInAnyOrder(1, 2, 1);
    assertThat(coordinator.partitions()).isEqualTo(4);
  }

  @Test
  void aLoadBalancedPoolReportsOnTheClusterWhatItReportsInOneJvm() throws Exception {
    Path scenario = Path.of("scenarios/web-load-balanced.conf");
    // A lookahead of 5 ms: each window costs a round trip between members, so not a tenth of that.
    String[] overrides = {
      "duration=10s", "network.loss=0.01", "network.latency={distribution=uniform,min=5ms,max=10ms}",
      "sweep={\"groups.clients.count\"=[100, 400]}"
    };
    ObjectNode cluster = onTheCluster(scenario, overrides);
    assertThat(comparable(cluster)).isEqualTo(comparable(Scenarios.run(scenario, overrides).json()));
    JsonNode engine = cluster.get("runs").get(0).get("engine");
    assertThat(engine.get("members").asInt()).isEqualTo(3);
    assertThat(engine.get("partitions").asInt()).isEqualTo(4);
  }

  @Test
  void aSwarmReportsOnTheClusterWhatItReportsInOneJvm() throws Exception {
    Path scenario = Path.of("scenarios/file-distribution.conf");
    String[] overrides = {"sweep={\"groups.receivers.count\"=[30]}", "vars.file-size=5MB"};
    assertThat(comparable(onTheCluster(scenario, overrides))).isEqualTo(comparable(Scenarios.run(scenario, overrides).json()));
  }

  @Test
  void aRealTimeRunOnTheClusterAgreesWithOneJvmAsFarAsTheLagAllows() throws Exception {
    // Clients 20 ms from a server pinned to the first member, at utilisation 0.5: most requests
    // cross members, and each is scheduled at its arrival time on the receiving member's clock.
    Path scenario = Path.of("scenarios/web-one-server.conf");
    String[] overrides = {"time=real", "duration=3s", "warmup=0.5s", "groups.clients.timeout=1s", "sweep={\"groups.clients.count\"=[100]}"};
    JsonNode cluster = onTheCluster(scenario, overrides).get("runs").get(0);
    JsonNode local = Scenarios.run(scenario, overrides).json().get("runs").get(0);
    JsonNode engine = cluster.get("engine");
    assertThat(engine.get("members").asInt()).isEqualTo(3);
    assertThat(engine.get("partitions").asInt()).isEqualTo(3);
    assertThat(engine.get("late-messages").asLong()).isNotNegative();
    double lag = Math.max(engine.get("timer-lag-ms").get("mean").asDouble(), local.get("engine").get("timer-lag-ms").get("mean").asDouble());
    assumeThat(lag).as("mean lag, ms: the machine did not keep up").isLessThan(1.0);
    // Both runs draw the same arrivals, so they send the same requests, but for those whose fate
    // the lag moves across the end of the window.
    JsonNode requests = cluster.get("groups").get("clients").get("requests");
    JsonNode alone = local.get("groups").get("clients").get("requests");
    assertThat(requests.get("sent").asDouble()).isCloseTo(alone.get("sent").asDouble(), within(0.02 * alone.get("sent").asDouble()));
    assertThat(requests.get("ok").asDouble()).isCloseTo(alone.get("ok").asDouble(), within(0.03 * alone.get("ok").asDouble()));
    // As RealTimeAccuracyTest: 25% for a shared 2-core machine, and what the lag explains on top.
    double mean = alone.get("latency-ms").get("mean").asDouble();
    assertThat(requests.get("latency-ms").get("mean").asDouble()).isCloseTo(mean, within(0.25 * mean + 12 * lag));
  }

  @Test
  void aRunWhoseMessagesCanArriveAtOnceIsRefusedBeforeAnythingRuns() {
    assertThatThrownBy(() -> onTheCluster(Path.of("scenarios/web-one-server.conf"), "network.latency=0", "groups.clients.link.latency=0"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("network.latency");
  }
}
