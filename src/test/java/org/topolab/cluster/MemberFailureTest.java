package org.topolab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topolab.engine.PekkoConfig;
import org.topolab.roles.RoleRegistry;
import org.topolab.run.ExperimentRunner;
import org.topolab.scenario.Experiment;
import org.topolab.scenario.ScenarioLoader;

/**
 * Members in JVMs of their own, started as {@code --local-cluster} starts them: one is killed
 * while the experiment runs. The run in progress ends, naming the member and what it held; what
 * finished before is kept; the survivors take the next run; no process is left.
 */
class MemberFailureTest {

  /** Two runs of a small client-server scenario with a 20 ms lookahead. */
  private static final String SCENARIO = String.join("\n",
      "duration = 10s",
      "network.latency = { distribution = uniform, min = 5ms, max = 10ms }",
      "groups {",
      "  server { role = server, count = 1, partition = 0, workers = 4, service-time = 5ms }",
      "  clients { role = client, count = 40, target = server, arrival { distribution = poisson, rate = 2/s },",
      "            link { latency = 10ms } }",
      "}",
      "sweep { \"groups.clients.count\" = [40, 60] }");

  @Test
  void aKilledMemberEndsTheRunNamingItAndTheSurvivorsTakeTheNextRun(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("two-runs.conf");
    Files.writeString(file, SCENARIO);
    RoleRegistry roles = new RoleRegistry();
    Experiment experiment = new ScenarioLoader(roles).load(file, List.of());
    List<Process> processes;
    try (LocalCluster cluster = LocalCluster.start(3, 1, PekkoConfig.load())) {
      processes = cluster.processes();
      assertThat(processes).hasSize(3).allMatch(Process::isAlive);
      Process victim = processes.get(1);
      long start = System.nanoTime();
      ExperimentRunner.Result result =
          new ExperimentRunner(cluster, roles)
              .run(
                  experiment,
                  (number, total, run) -> {
                    if (number == 2) {
                      victim.destroyForcibly(); // as a machine that dies would
                    }
                  });
      double seconds = (System.nanoTime() - start) / 1e9;

      ObjectNode report = result.report();
      assertThat(result.complete()).isFalse();
      assertThat(report.get("complete").asBoolean()).isFalse();
      assertThat(report.get("runs")).hasSize(1);
      String failure = report.get("failure").asText();
      assertThat(failure).startsWith("run 2 of 2").contains("became unreachable", "partition ");
      String victimAddress = cluster.deployment().members().stream()
          .map(ClusterProtocol.Description::address)
          .filter(address -> failure.contains(address))
          .findFirst()
          .orElseThrow(() -> new AssertionError("the failure names no member: " + failure));
      assertThat(victimAddress).isNotEmpty();
      // The failure detector and the run's end take seconds; the issue allows a minute at most.
      assertThat(seconds).as("seconds until the run ended").isLessThan(60);

      // The others went back to waiting: a new coordinator runs the first run on the two of them.
      String seed = cluster.deployment().members().stream()
          .map(ClusterProtocol.Description::address)
          .filter(address -> !address.equals(victimAddress))
          .findFirst()
          .orElseThrow();
      try (ClusterDeployment survivors =
          ClusterDeployment.join(new ClusterSettings("127.0.0.1", 0, List.of(seed)), PekkoConfig.load(), 2, Duration.ofSeconds(120))) {
        assertThat(survivors.members()).hasSize(2);
        Experiment oneRun = new ScenarioLoader(roles).load(file, List.of("sweep={\"groups.clients.count\"=[40]}"));
        ExperimentRunner.Result again = new ExperimentRunner(survivors, roles).run(oneRun, (n, t, r) -> {});
        assertThat(again.complete()).isTrue();
        assertThat(again.report().get("runs").get(0).get("engine").get("members").asInt()).isEqualTo(2);
        // The same run gives the same numbers on three members as on two.
        assertThat(again.report().get("runs").get(0).get("groups").get("clients"))
            .isEqualTo(report.get("runs").get(0).get("groups").get("clients"));
      }
    }
    for (Process process : processes) {
      assertThat(process.isAlive()).as("member process %d left running", process.pid()).isFalse();
    }
  }
}
