package org.topolab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topolab.engine.PekkoConfig;
import org.topolab.roles.RoleRegistry;
import org.topolab.run.ExperimentRunner;
import org.topolab.scenario.ScenarioLoader;

/** A member stopped cleanly (as by Ctrl-C) leaves the cluster: the run in progress ends, it does not hang. */
class MemberLeavesTest {

  @Test
  void aMemberThatLeavesMidExperimentEndsTheRunNamingIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("two-runs.conf");
    Files.writeString(file, String.join("\n",
        "duration = 5s",
        "network.latency = { distribution = uniform, min = 5ms, max = 10ms }",
        "groups {",
        "  server { role = server, count = 1, workers = 4, service-time = 5ms }",
        "  clients { role = client, count = 20, target = server, arrival { distribution = poisson, rate = 2/s } }",
        "}",
        "sweep { \"groups.clients.count\" = [20, 30] }"));
    Member first = Member.start(new ClusterSettings("127.0.0.1", 0, List.of()), PekkoConfig.load(), 1);
    Member second = Member.start(new ClusterSettings("127.0.0.1", 0, List.of(first.address())), PekkoConfig.load(), 1);
    try (ClusterDeployment coordinator =
        ClusterDeployment.join(new ClusterSettings("127.0.0.1", 0, List.of(first.address())), PekkoConfig.load(), 2, Duration.ofSeconds(120))) {
      RoleRegistry roles = new RoleRegistry();
      ExperimentRunner.Result result =
          new ExperimentRunner(coordinator, roles)
              .run(new ScenarioLoader(roles).load(file, List.of()), (number, total, run) -> {
                if (number == 2) {
                  second.close(); // leaves the cluster, as a member stopped by Ctrl-C does
                }
              });
      assertThat(result.complete()).isFalse();
      assertThat(result.report().get("runs")).hasSize(1);
      assertThat(result.report().get("failure").asText()).startsWith("run 2 of 2").contains(second.address());
    } finally {
      second.close();
      first.close();
    }
  }
}
