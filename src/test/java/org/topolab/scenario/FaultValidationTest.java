package org.topolab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.topolab.cli.Main;
import org.topolab.roles.RoleRegistry;
import org.topolab.settings.Problem;
import org.topolab.settings.ScenarioException;

/** Bad faults and churn, each with the exact problem (line, key, message) it must produce. */
class FaultValidationTest {

  /** A valid scenario of lines 1 to 9; a faults list appended to it starts at line 10. */
  private static final String BASE =
      """
      duration = 60s
      groups {
        server { role = server, service-time = 10ms }
        clients { role = client, target = server, think-time = 1s, count = 10 }
        peers {
          role = client, target = server, think-time = 1s, count = 10
          churn { session = { distribution = exponential, mean = 10s }, downtime = 5s }
        }
      }
      """;

  private static Arguments bad(String name, String text, String problem) {
    return Arguments.of(Named.of(name, text), problem);
  }

  private static Arguments badFault(String name, String fault, String problem) {
    return bad(name, BASE + "faults = [\n  " + fault + "\n]\n", problem);
  }

  static Stream<Arguments> badScenarios() {
    return Stream.of(
        badFault(
            "fault aimed at a group that does not exist",
            "{ at = 10s, kind = crash, group = servers }",
            "11: faults[0].group: there is no group 'servers'; did you mean 'server'? (groups: server, clients, peers)"),
        badFault(
            "partition of a group that does not exist",
            "{ at = 10s, kind = partition, groups = [clients, tracker] }",
            "11: faults[0].groups: there is no group 'tracker' (groups: server, clients, peers)"),
        badFault(
            "node that does not exist",
            "{ at = 10s, kind = pause, node = clients-10, for = 1s }",
            "11: faults[0].node: there is no node 'clients-10': name a node by its group and index from 0, such as server,"
                + " or give its id (groups: server, clients, peers)"),
        badFault(
            "time past the run's end",
            "{ at = 90s, kind = crash, node = server }",
            "11: faults[0].at: 90 s is past the run's end (duration = 60 s): a fault happens while the run goes on"),
        badFault(
            "repetition that starts past the run's end",
            "{ every = 10s, start = 60s, kind = pause, node = server, for = 1s }",
            "11: faults[0].start: 60 s is past the run's end (duration = 60 s): a fault happens while the run goes on"),
        badFault(
            "fraction above 1",
            "{ at = 10s, kind = crash, group = clients, fraction = 1.5 }",
            "11: faults[0].fraction: 1.5 is out of range; expected a number from 0.0 to 1.0"),
        badFault(
            "negative fraction",
            "{ at = 10s, kind = crash, group = clients, fraction = -0.1 }",
            "11: faults[0].fraction: -0.1 is out of range; expected a number from 0.0 to 1.0"),
        badFault(
            "unknown kind",
            "{ at = 10s, kind = crsh, node = server }",
            "11: faults[0].kind: 'crsh' is not one of crash, restart, partition, heal, degrade, pause; did you mean 'crash'?"),
        badFault(
            "no time",
            "{ kind = crash, node = server }",
            "11: faults[0].at: a fault needs at = 60s (once) or every = 60s (repeating)"),
        badFault(
            "no target",
            "{ at = 10s, kind = crash }",
            "11: faults[0].node: needs a target: node = servers-0 (one node, or its id), group = servers (with index = 0 or"
                + " fraction = 0.3, or the whole group) or groups = [clients, servers]"),
        badFault(
            "restart that lasts",
            "{ at = 10s, kind = restart, node = server, for = 5s }",
            "11: faults[0].for: a restart happens at an instant and does not last; to bring a node back after a while, give"
                + " the crash a for"),
        badFault(
            "degrade of nothing",
            "{ at = 10s, kind = degrade, node = server }",
            "11: faults[0].kind: a degrade changes the links of its nodes: give latency (added, such as 200ms), loss (such as"
                + " 0.1) or bandwidth (such as 1Mbps), or several"),
        badFault(
            "key of another kind",
            "{ at = 10s, kind = crash, node = server, latency = 10ms }",
            "11: faults[0].latency: unknown key (known keys: kind, at, every, start, end, for, node, group, groups, index, fraction)"),
        bad(
            "faults not a list",
            BASE + "faults = { at = 10s }\n",
            "10: faults: expected a list of objects such as { at = 60s, kind = crash, node = servers-0, for = 30s }, found an"
                + " object"),
        bad(
            "churn distribution without a mean",
            BASE.replace("mean = 10s }, downtime", "min = 10s, shape = 0.9 }, downtime").replace("exponential", "pareto"),
            "7: groups.peers.churn.session: has no mean (a pareto's is infinite for a shape of 1 or less): churn needs a"
                + " finite mean; give a shape above 1, or weibull { shape = 0.5, mean = 10min }"),
        bad(
            "churn without a downtime",
            BASE.replace(", downtime = 5s", ""),
            "7: groups.peers.churn.downtime: is required"),
        bad(
            "churn of an unknown preset",
            BASE.replace("session = { distribution = exponential, mean = 10s }", "preset = bittorrent"),
            "7: groups.peers.churn.preset: 'bittorrent' is not one of bittorrent-debian, bittorrent-redhat,"
                + " bittorrent-flatout"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badScenarios")
  void badFaultIsReportedWithItsLine(String text, String expected, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.conf");
    Files.writeString(file, text);
    assertThat(problems(file)).containsExactly(file + ":" + expected);
  }

  @Test
  void validFaultsAndChurnHaveNoProblems(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("good.conf");
    Files.writeString(file, BASE + """
        faults = [
          { at = 10s, kind = crash, node = server, for = 5s }
          { every = 10s, start = 5s, end = 50s, kind = pause, group = clients, fraction = 0.5, for = 1s }
          { at = 20s, kind = partition, groups = [clients, server] }
          { at = 25s, kind = heal }
          { at = 30s, kind = degrade, node = 3, latency = 100ms, loss = 0.1, bandwidth = 1Mbps, for = 10s }
          { at = 40s, kind = restart, group = peers, index = 2 }
        ]
        """);
    assertThat(problems(file)).isEmpty();
  }

  @Test
  void theCommandLineExitsWith2(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.conf");
    Files.writeString(file, BASE + "faults = [ { at = 90s, kind = crash, node = server } ]\n");
    StringWriter err = new StringWriter();
    int exit;
    try (PrintWriter out = new PrintWriter(new StringWriter()); PrintWriter errors = new PrintWriter(err)) {
      exit = Main.execute(out, errors, new String[] {"validate", file.toString()});
    }
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains(file + ":10: faults[0].at: 90 s is past the run's end");
  }

  private static List<String> problems(Path file) {
    try {
      new ScenarioLoader(new RoleRegistry()).load(file, List.of());
      return List.of();
    } catch (ScenarioException e) {
      return e.problems().stream().map(Problem::toString).toList();
    }
  }
}
