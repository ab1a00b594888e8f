package org.topolab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.topolab.roles.RoleRegistry;
import org.topolab.settings.Problem;
import org.topolab.settings.ScenarioException;

/** Every kind of bad scenario, with the exact problems (line, key, message) it must produce. */
class ScenarioValidationTest {

  /** A valid scenario; lines 1 to 13, so text appended to it starts at line 14. */
  private static final String BASE =
      """
      name = "t"
      duration = 10s
      groups {
        server {
          role = server
          service-time = 10ms
        }
        clients {
          role = client
          target = server
          think-time = 1s
        }
      }
      """;

  private static final String DURATION_HELP = "a duration such as 20ms, 1.5s or 2min (units ns, us, ms, s, min, h; or written out: 5 sec, 10 msec, 2 minutes)";
  private static final String ROLES = "(roles: averaging, client, directory, downloader, file-server, flooding, gossip, kademlia, load-balancer, peer, publisher, server, subscriber, super-peers, tracker, or the class name of your own Role)";

  private static String replace(String line, String with) {
    if (!BASE.contains(line)) {
      throw new IllegalArgumentException(line);
    }
    return BASE.replace(line, with);
  }

  private static Arguments bad(String name, String text, String... problems) {
    return Arguments.of(Named.of(name, text), List.of(), List.of(problems));
  }

  private static Arguments badSet(String name, String set, String... problems) {
    return Arguments.of(Named.of(name, BASE), List.of(set), List.of(problems));
  }

  static Stream<Arguments> badScenarios() {
    return Stream.of(
        bad("missing duration", replace("duration = 10s\n", ""), "1: duration: is required"),
        bad("missing groups", "name = t\nduration = 10s\n", "1: groups: a scenario needs at least one group"),
        bad("empty groups", "name = t\nduration = 10s\ngroups {}\n", "3: groups: a scenario needs at least one group"),
        bad("unknown top-level key", BASE + "durration = 5s\n", "14: durration: unknown key; did you mean 'duration'?"),
        bad(
            "unknown top-level key, nothing close",
            BASE + "colour = red\n",
            "14: colour: unknown key (known keys: name, description, variant, vars, seed, time, time-scale, duration, warmup, metrics, network, groups, cost, faults)"),
        bad(
            "a price for a group no run has",
            BASE + "cost.groups.servr.node-hour = 0.1\n",
            "14: cost.groups.servr: there is no group 'servr' in any run; did you mean 'server'? (groups: clients, server)"),
        bad(
            "a negative price",
            BASE + "cost.groups.server.gb-sent = -0.09\n",
            "14: cost.groups.server.gb-sent: a price is 0 or more, in the scenario's currency, such as gb-sent = 0.09"),
        bad(
            "an unknown payer",
            BASE + "cost.groups.clients { node-hour = 0.01, paid-by = friends }\n",
            "14: cost.groups.clients.paid-by: 'friends' is not one of operator, users"),
        bad(
            "a misspelt price",
            BASE + "cost.groups.server.node-hours = 0.1\n",
            "14: cost.groups.server.node-hours: unknown key; did you mean 'node-hour'?"),
        bad("a cost block with no prices", BASE + "cost { currency = EUR }\n", "14: cost.groups: price at least one group, such as groups { server { node-hour = 0.10, gb-sent = 0.09 } }"),
        bad(
            "unknown group key",
            replace("service-time = 10ms", "service-time = 10ms\n    workerz = 2"),
            "7: groups.server.workerz: unknown key; did you mean 'workers'?"),
        bad(
            "unknown group key, nothing close",
            replace("service-time = 10ms", "service-time = 10ms\n    colour = red"),
            "7: groups.server.colour: unknown key (known keys: role, count, partition, link, churn, workers, service-time, queue-limit, response-size, users, access-control, acl, rate-limit)"),
        // Only the role is reported: the client's target is not judged against a group with no valid role.
        bad(
            "misspelt role",
            replace("role = server", "role = sever"),
            "5: groups.server.role: unknown role 'sever'; did you mean 'server'? " + ROLES),
        bad("unknown role", replace("role = server", "role = database"), "5: groups.server.role: unknown role 'database' " + ROLES),
        bad(
            "role class not on the class path",
            replace("role = server", "role = com.example.Cache"),
            "5: groups.server.role: no role class com.example.Cache on the classpath (add its jar with TOPOLAB_CLASSPATH)"),
        bad(
            "role class that is not a Role",
            replace("role = server", "role = java.lang.String"),
            "5: groups.server.role: class java.lang.String does not implement org.topolab.role.Role"),
        bad("missing role", replace("    role = server\n", ""), "4: groups.server.role: is required"),
        bad(
            "target naming no group",
            replace("target = server", "target = servr"),
            "10: groups.clients.target: there is no group 'servr'; did you mean 'server'? (groups: server, clients)"),
        bad(
            "target naming a group of the wrong role",
            replace("target = server", "target = clients"),
            "10: groups.clients.target: group 'clients' has role client; expected a group of role server or load-balancer"),
        bad(
            "negative count",
            replace("role = server", "role = server\n    count = -1"),
            "6: groups.server.count: -1 is out of range; expected a whole number from 1 to 50000000"),
        bad(
            "zero count",
            replace("role = server", "role = server\n    count = 0"),
            "6: groups.server.count: 0 is out of range; expected a whole number from 1 to 50000000"),
        bad(
            "fractional count",
            replace("role = server", "role = server\n    count = 1.5"),
            "6: groups.server.count: expected a whole number, found 1.5"),
        // Reported once: a duration that cannot be read is not then also "too short".
        bad("duration without a unit", replace("duration = 10s", "duration = 10"), "2: duration: '10' has no unit; expected " + DURATION_HELP),
        bad("zero duration", replace("duration = 10s", "duration = 0s"), "2: duration: must be at least 1ns"),
        bad(
            "latency in unknown units",
            BASE + "network { latency = 5 parsecs }\n",
            "14: network.latency: unknown time unit 'parsecs'; expected " + DURATION_HELP),
        bad(
            "bandwidth in bytes",
            replace("role = server", "role = server\n    link { up = 10MB }"),
            "6: groups.server.link.up: '10MB' is in bytes per second; bandwidths are in bits per second: did you mean 80Mbps?"),
        bad(
            "size in bits",
            replace("role = server", "role = server\n    response-size = 10Mb"),
            "6: groups.server.response-size: 'Mb' is not a size unit (sizes are in bytes, written with a capital B); expected"
                + " a size such as 512B, 1KiB, 20KB or 100MB (units B, KB, MB, GB, KiB, MiB, GiB)"),
        // Only the name: which other keys belong depends on the distribution.
        bad(
            "unknown distribution",
            replace("service-time = 10ms", "service-time { distribution = gaussian, mean = 10ms }"),
            "6: groups.server.service-time.distribution: 'gaussian' is not one of constant, uniform, exponential, normal,"
                + " lognormal, pareto, weibull"),
        bad(
            "misspelt distribution",
            replace("service-time = 10ms", "service-time { distribution = exponental, mean = 10ms }"),
            "6: groups.server.service-time.distribution: 'exponental' is not one of constant, uniform, exponential, normal,"
                + " lognormal, pareto, weibull; did you mean 'exponential'?"),
        bad(
            "uniform with max below min",
            replace("service-time = 10ms", "service-time { distribution = uniform, min = 20ms, max = 10ms }"),
            "6: groups.server.service-time.max: max must not be below min"),
        bad(
            "distribution parameter in bad units",
            replace("service-time = 10ms", "service-time { distribution = exponential, mean = 10 parsecs }"),
            "6: groups.server.service-time.mean: unknown time unit 'parsecs'; expected " + DURATION_HELP),
        bad(
            "misspelt arrival process",
            replace("think-time = 1s", "arrival { distribution = poison, rate = 2/s }"),
            "11: groups.clients.arrival.distribution: 'poison' is not one of poisson, constant, uniform, exponential, normal,"
                + " lognormal, pareto, weibull; did you mean 'poisson'?"),
        bad(
            "zero arrival rate",
            replace("think-time = 1s", "arrival { distribution = poisson, rate = 0/s }"),
            "11: groups.clients.arrival.rate: a rate must be above 0; expected a rate such as 2/s, 120/min or 0.5 (per second)"),
        bad(
            "client with both arrival and think time",
            replace("think-time = 1s", "think-time = 1s\n    arrival { distribution = poisson, rate = 2/s }"),
            "11: groups.clients.think-time: give either arrival (open loop) or think-time (closed loop), not both"),
        bad(
            "client with neither arrival nor think time",
            replace("    think-time = 1s\n", ""),
            "8: groups.clients.arrival: a client needs arrival { distribution = poisson, rate = 2/s } (open loop) or"
                + " think-time = 1s (closed loop)"),
        bad("warmup as long as the run", replace("duration = 10s", "duration = 10s\nwarmup = 10s"), "3: warmup: must be shorter than duration"),
        bad(
            "loss above range",
            BASE + "network { loss = 1.5 }\n",
            "14: network.loss: 1.5 is out of range; expected a number from 0.0 to 0.999"),
        bad(
            "negative loss",
            BASE + "network { loss = -0.1 }\n",
            "14: network.loss: -0.1 is out of range; expected a number from 0.0 to 0.999"),
        bad(
            "sweep over a nonexistent group",
            BASE + "sweep { \"groups.servers.count\" = [1, 2] }\n",
            "14: sweep.\"groups.servers.count\": there is no group 'servers' to sweep over; did you mean 'server'?"
                + " (groups: clients, server)"),
        // The swept value lands in the group, so the group's reader reports it, at the sweep's line.
        bad(
            "sweep over a nonexistent key",
            BASE + "sweep { \"groups.server.workerz\" = [1, 2] }\n",
            "14: groups.server.workerz: unknown key; did you mean 'workers'?"),
        bad(
            "sweep over a bad value",
            BASE + "sweep { \"groups.server.workers\" = [1, 0] }\n",
            "14: groups.server.workers: 0 is out of range; expected a whole number from 1 to 1000000"),
        bad(
            "empty sweep list",
            BASE + "sweep { \"groups.server.workers\" = [] }\n",
            "14: sweep.\"groups.server.workers\": a sweep gives a non-empty list of values, such as [10, 100, 1000]"),
        bad(
            "sweep that is not a list",
            BASE + "sweep { \"groups.server.workers\" = 3 }\n",
            "14: sweep.\"groups.server.workers\": a sweep gives a non-empty list of values, such as [10, 100, 1000]"),
        bad("variant that is not an object", BASE + "variants { big = 3 }\n", "14: variants.big: a variant is an object of overrides { ... }, found 3"),
        bad(
            "variant called default",
            BASE + "variants { default { duration = 5s } }\n",
            "14: variants.default: 'default' names the scenario as written; give the variant another name"),
        bad(
            "variant with a bad role",
            BASE + "variants { v { groups.server.role = sever } }\n",
            "14: groups.server.role: unknown role 'sever'; did you mean 'server'? " + ROLES),
        bad(
            "HOCON syntax error",
            BASE + "sweep { \"groups.server.workers\" = [1, 2 }\n",
            "14: List should have ended with ] or had a comma, instead had token: '}' (if you want '}' to be part of a string"
                + " value, then double-quote it)"),
        badSet(
            "--set without '='",
            "groups.clients.count",
            "--set expects path=value, such as groups.clients.count=50; got 'groups.clients.count'"),
        badSet("--set with a bad path", "groups..count=3", "--set groups..count=3: 'groups..count' is not a key path"),
        // A --set value has no line: the problem names the option instead.
        badSet(
            "--set with a bad value",
            "groups.clients.count=-3",
            "--set groups.clients.count=-3: groups.clients.count: -3 is out of range; expected a whole number from 1 to 50000000"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badScenarios")
  void badScenarioIsReportedWithItsLine(String text, List<String> overrides, List<String> expected, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("bad.conf");
    Files.writeString(file, text);
    List<String> located = new ArrayList<>();
    for (String problem : expected) {
      // In-file problems read FILE:LINE: ...; the others say where they come from themselves.
      located.add(Character.isDigit(problem.charAt(0)) ? file + ":" + problem : problem);
    }
    assertThat(problems(file, overrides)).containsExactlyElementsOf(located);
  }

  @Test
  void validScenarioHasNoProblems(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("good.conf");
    Files.writeString(file, BASE);
    assertThat(problems(file, List.of())).isEmpty();
  }

  @Test
  void missingFileIsReportedByName(@TempDir Path dir) {
    Path file = dir.resolve("nowhere.conf");
    assertThat(problems(file, List.of())).containsExactly(file + ": no such scenario file");
  }

  @Test
  void allProblemsOfAFileAreReportedTogetherSortedByLine(@TempDir Path dir) throws Exception {
    // Out of order on purpose: the base shifted by two lines (colour, count), and a duration that
    // overrides line 3's at the end (line 16) but is read first.
    String text =
        "colour = red\n"
            + replace("target = server", "target = servr").replace("role = server", "role = server\n    count = 0")
            + "duration = 10\n";
    Path file = dir.resolve("several.conf");
    Files.writeString(file, text);
    assertThat(problems(file, List.of()))
        .containsExactly(
            file + ":1: colour: unknown key (known keys: name, description, variant, vars, seed, time, time-scale, duration, warmup, metrics, network, groups, cost, faults)",
            file + ":7: groups.server.count: 0 is out of range; expected a whole number from 1 to 50000000",
            file + ":12: groups.clients.target: there is no group 'servr'; did you mean 'server'? (groups: server, clients)",
            file + ":16: duration: '10' has no unit; expected " + DURATION_HELP);
  }

  @Test
  void exceptionMessageListsEveryProblem(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("two.conf");
    Files.writeString(file, replace("target = server", "target = servr") + "colour = red\n");
    assertThatThrownBy(() -> new ScenarioLoader(new RoleRegistry()).load(file, List.of()))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining(file + ":10: groups.clients.target:")
        .hasMessageContaining(file + ":14: colour:");
  }

  /** The problems the loader reports, as printed; empty if the scenario is valid. */
  private static List<String> problems(Path file, List<String> overrides) {
    try {
      new ScenarioLoader(new RoleRegistry()).load(file, overrides);
      return List.of();
    } catch (ScenarioException e) {
      return e.problems().stream().map(Problem::toString).toList();
    } catch (IllegalArgumentException e) {
      // A malformed --set is refused before the file is read.
      return List.of(e.getMessage());
    }
  }
}
