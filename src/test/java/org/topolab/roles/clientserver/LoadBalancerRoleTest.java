package org.topolab.roles.clientserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topolab.roles.RoleRegistry;
import org.topolab.scenario.ScenarioLoader;
import org.topolab.settings.Problem;
import org.topolab.settings.ScenarioException;

/** The load balancer's failover and health-check keys: each bad value is named with its line. */
class LoadBalancerRoleTest {

  private static final String SCENARIO =
      """
      duration = 10s
      groups {
        server { role = server, count = 2, service-time = 10ms }
        balancer {
          role = load-balancer
          backends = server
          timeout = 2s
          %s
        }
        clients { role = client, target = balancer, think-time = 1s }
      }
      """;

  private static List<String> problems(String keys, Path dir) throws Exception {
    Path file = dir.resolve("lb.conf");
    Files.writeString(file, SCENARIO.formatted(keys));
    try {
      new ScenarioLoader(new RoleRegistry()).load(file, List.of());
      return List.of();
    } catch (ScenarioException e) {
      return e.problems().stream().map(Problem::toString).map(problem -> problem.substring(file.toString().length() + 1)).toList();
    }
  }

  @Test
  void goodKeysHaveNoProblems(@TempDir Path dir) throws Exception {
    assertThat(problems("retries = 2, try-timeout = 500ms, health-check { interval = 1s, timeout = 300ms, unhealthy-after = 2, healthy-after = 1 }", dir))
        .isEmpty();
    assertThat(problems("health-check {}", dir)).isEmpty();
  }

  @Test
  void aTryTimeoutLongerThanTheTimeoutIsNamed(@TempDir Path dir) throws Exception {
    assertThat(problems("try-timeout = 3s", dir))
        .containsExactly("8: groups.balancer.try-timeout: must be at most timeout (2.0 s), which bounds all tries together");
  }

  @Test
  void badHealthCheckKeysAreNamed(@TempDir Path dir) throws Exception {
    assertThat(problems("health-check { interval = 1s, timeout = 2s }", dir))
        .containsExactly("8: groups.balancer.health-check.timeout: must be at most interval (1.0 s): a check is answered or failed before the next");
    assertThat(problems("health-check { unhealthy-after = 0 }", dir))
        .containsExactly("8: groups.balancer.health-check.unhealthy-after: 0 is out of range; expected a whole number from 1 to 1000");
    assertThat(problems("health-check { intervall = 1s }", dir))
        .containsExactly("8: groups.balancer.health-check.intervall: unknown key; did you mean 'interval'?");
  }
}
