package org.topolab.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topolab.distribution.Distribution;
import org.topolab.roles.RoleRegistry;
import org.topolab.scenario.RunParser;
import org.topolab.scenario.RunSetup;
import org.topolab.scenario.ScenarioLoader;
import org.topolab.settings.Problems;

/** Churn: which nodes come and go, and for how long, against the distributions it draws from. */
class ChurnTest {

  private static RunSetup setup(String churn, Path dir) throws Exception {
    return setup(churn, 1, dir);
  }

  private static RunSetup setup(String churn, long seed, Path dir) throws Exception {
    Path file = dir.resolve("churn.conf");
    Files.writeString(file, """
        seed = %d
        duration = 100000s
        metrics.interval = 100s
        groups {
          server { role = server, service-time = 10ms }
          peers {
            role = client, target = server, think-time = 1h, count = 40
            churn { %s }
          }
        }
        """.formatted(seed, churn));
    RoleRegistry roles = new RoleRegistry();
    return new RunParser(roles).parse(new ScenarioLoader(roles).load(file, List.of()).runs().get(0), new Problems(file.toString()));
  }

  /**
   * Session lengths (restart to next crash) and downtimes (crash to restart) average out to their
   * distributions' means within 5%: a Weibull of shape 0.5 has a coefficient of variation of 2.24,
   * and there are about 50,000 sessions, so the standard error is about 1%.
   */
  @Test
  void sessionsAndDowntimesHaveTheirDistributionsMeans(@TempDir Path dir) throws Exception {
    RunSetup run = setup("fraction = 0.25, session = { distribution = weibull, shape = 0.5, mean = 10s },"
        + " downtime = { distribution = exponential, mean = 5s }", dir);
    List<Fault> crashes = run.faults().faults();
    Map<Integer, Long> upSince = new HashMap<>();
    double sessions = 0;
    double downtimes = 0;
    int sessionCount = 0;
    int downtimeCount = 0;
    for (Fault crash : crashes) {
      assertThat(crash.kind()).isEqualTo(FaultKind.CRASH);
      assertThat(crash.source()).isEqualTo("churn of peers");
      int node = crash.nodes()[0];
      sessions += crash.startNanos() - upSince.getOrDefault(node, 0L);
      sessionCount++;
      if (crash.endNanos() != Fault.NEVER) {
        downtimes += crash.endNanos() - crash.startNanos();
        downtimeCount++;
        upSince.put(node, crash.endNanos());
      }
    }
    assertThat(sessionCount).isGreaterThan(40_000);
    assertThat(sessions / sessionCount / 1e9).isCloseTo(10.0, within(0.5));
    assertThat(downtimes / downtimeCount / 1e9).isCloseTo(5.0, within(0.25));
    // A quarter of the 40 peers churn, drawn from the seed; the server never does.
    Set<Integer> churning = crashes.stream().map(crash -> crash.nodes()[0]).collect(Collectors.toSet());
    assertThat(churning).hasSize(10).allSatisfy(node -> assertThat(node).isBetween(1, 40));
    // Each crash ends with a restart of the same node: the engine's actions say so.
    long restarts = run.faults().nodeActions().stream().filter(a -> a.action() == NodeAction.Action.RESTART).count();
    assertThat(restarts).isEqualTo(downtimeCount);
  }

  @Test
  void presetsAreTheMeasuredWeibullFits(@TempDir Path dir) throws Exception {
    // Weibull k = 0.59, scale 41.9 min: mean 41.9 x Gamma(1 + 1/0.59) = 64.46 min.
    Distribution.Weibull flatout = (Distribution.Weibull) Churn.PRESETS.get("bittorrent-flatout");
    assertThat(flatout.shape()).isEqualTo(0.59);
    assertThat(flatout.scale() / 60e9).isCloseTo(41.9, within(1e-9));
    assertThat(flatout.mean() / 60e9).isCloseTo(64.46, within(0.01));
    assertThat(setup("preset = bittorrent-flatout, downtime = 10min", dir).faults().faults()).isNotEmpty();
  }

  @Test
  void theSameSeedGivesTheSameChurnAndAnotherSeedAnother(@TempDir Path dir) throws Exception {
    String churn = "fraction = 0.5, session = { distribution = exponential, mean = 1000s }, downtime = 100s";
    List<Fault> first = setup(churn, dir).faults().faults();
    List<Fault> again = setup(churn, dir).faults().faults();
    assertThat(again).hasSameSizeAs(first);
    for (int i = 0; i < first.size(); i++) {
      assertThat(again.get(i).startNanos()).isEqualTo(first.get(i).startNanos());
      assertThat(again.get(i).nodes()).isEqualTo(first.get(i).nodes());
    }
    List<Fault> reseeded = setup(churn, 2, dir).faults().faults();
    assertThat(reseeded.get(0).startNanos()).isNotEqualTo(first.get(0).startNanos());
  }
}
