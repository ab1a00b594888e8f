package org.topolab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topolab.metrics.Json;

/** The command line end to end, through {@link Main#execute(PrintWriter, PrintWriter, String...)}. */
class CliTest {

  /**
   * One server, one worker, 10 ms per request; one client sending 10 requests a second for 2 s of
   * virtual time, with 1 ms of latency each way and unlimited links. Nothing ever queues (a request
   * every 100 ms, each done in 12 ms), so every figure follows by hand.
   */
  private static final String SCENARIO =
      """
      name = "CLI test"
      seed = 3
      duration = 2s
      network { latency = 1ms }
      groups {
        server {
          role = server
          service-time = 10ms
          response-size = 5KB
        }
        clients {
          role = client
          count = 1
          target = server
          arrival { distribution = constant, rate = 10/s }
          request-size = 100B
          timeout = 1s
        }
      }
      """;

  @TempDir Path dir;

  /** What one command did. */
  private record Outcome(int exit, String out, String err) {}

  private static Outcome cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit;
    try (PrintWriter outWriter = new PrintWriter(out); PrintWriter errWriter = new PrintWriter(err)) {
      exit = Main.execute(outWriter, errWriter, args);
    }
    return new Outcome(exit, out.toString(), err.toString());
  }

  private Path scenario(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static JsonNode report(Path out) throws Exception {
    return Json.MAPPER.readTree(out.resolve("report.json").toFile());
  }

  /** The rows of the summary table: the lines between the dashes and the report's path. */
  private static List<String> tableRows(String out) {
    List<String> lines = Arrays.asList(out.split("\n"));
    int dashes = 0;
    while (!lines.get(dashes).startsWith("---")) {
      dashes++;
    }
    List<String> rows = new ArrayList<>();
    for (String line : lines.subList(dashes + 1, lines.size())) {
      if (line.startsWith("report: ")) {
        break;
      }
      rows.add(line);
    }
    return rows;
  }

  @Test
  void runWritesTheReportAndOneTableRowPerRun() throws Exception {
    Path file = scenario("cli.conf", SCENARIO + "sweep { \"groups.clients.count\" = [1, 2] }\n");
    Path out = dir.resolve("out");
    Outcome result = cli("run", file.toString(), "--out", out.toString());
    assertThat(result.exit()).as(result.err()).isZero();

    assertThat(result.out()).startsWith("CLI test\n").contains("report: " + out.resolve("report.json"));
    List<String> rows = tableRows(result.out());
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).startsWith("default");

    JsonNode report = report(out);
    assertThat(report.get("scenario").asText()).isEqualTo("CLI test");
    JsonNode runs = report.get("runs");
    assertThat(runs).hasSize(2);
    for (int run = 0; run < 2; run++) {
      int clients = run + 1;
      JsonNode entry = runs.get(run);
      assertThat(entry.get("variant").asText()).isEqualTo("default");
      assertThat(entry.get("params").get("groups.clients.count").asInt()).isEqualTo(clients);
      assertThat(entry.get("seed").asLong()).isEqualTo(3);

      JsonNode engine = entry.get("engine");
      assertThat(engine.get("events").asLong()).isPositive();
      // The run lasts the 2 s workload, plus up to the client's 1 s timeout for work in flight.
      assertThat(engine.get("simulated-seconds").asDouble()).isBetween(2.0, 3.0);
      assertThat(engine.get("wall-seconds").asDouble()).isNotNegative();
      // Spawning is part of the run's wall time.
      assertThat(engine.get("spawn-seconds").asDouble()).isNotNegative().isLessThanOrEqualTo(engine.get("wall-seconds").asDouble());

      // Each client sends 10/s for 2 s: 20 requests of 100 B; each is answered with 5 KB.
      long requests = 20L * clients;
      JsonNode groups = entry.get("groups");
      JsonNode client = groups.get("clients");
      assertThat(client.get("role").asText()).isEqualTo("client");
      assertThat(client.get("count").asInt()).isEqualTo(clients);
      assertThat(client.get("messages-sent").asLong()).isEqualTo(requests);
      assertThat(client.get("bytes-sent").asLong()).isEqualTo(100 * requests);
      assertThat(client.get("bytes-received").asLong()).isEqualTo(5000 * requests);
      JsonNode server = groups.get("server");
      assertThat(server.get("role").asText()).isEqualTo("server");
      assertThat(server.get("count").asInt()).isEqualTo(1);
      assertThat(server.get("messages-sent").asLong()).isEqualTo(requests);
      assertThat(server.get("bytes-sent").asLong()).isEqualTo(5000 * requests);
      assertThat(server.get("bytes-received").asLong()).isEqualTo(100 * requests);
      // One worker busy 10 ms per request: 20 * clients * 10 ms over 2 s (the last request may
      // end just past the window, which cuts off a little).
      assertThat(server.get("utilisation").asDouble()).isBetween(0.0, 1.0).isCloseTo(0.1 * clients, within(0.006));

      JsonNode counts = client.get("requests");
      assertThat(counts.get("sent").asLong()).isEqualTo(requests);
      assertThat(counts.get("ok").asLong()).isEqualTo(requests);
      assertThat(counts.get("failed").asLong()).isZero();
      assertThat(counts.get("timeouts").asLong()).isZero();
      assertThat(counts.get("rejected").asLong()).isZero();
      assertThat(counts.get("throughput-per-s").asDouble()).isEqualTo(requests / 2.0);
      JsonNode latency = counts.get("latency-ms");
      if (clients == 1) {
        // 1 ms there, 10 ms of service, 1 ms back; the percentiles to HdrHistogram's 0.1%.
        assertThat(latency.get("mean").asDouble()).isEqualTo(12.0);
        for (String field : List.of("p50", "p90", "p99", "max")) {
          assertThat(latency.get(field).asDouble()).as(field).isCloseTo(12.0, within(0.012));
        }
      } else {
        assertThat(latency.get("mean").asDouble()).isGreaterThanOrEqualTo(12.0);
        assertThat(latency.get("p99").asDouble()).isGreaterThanOrEqualTo(latency.get("p50").asDouble());
      }
    }
  }

  @Test
  void setAndSeedTakeEffect() throws Exception {
    Path file = scenario("cli.conf", SCENARIO);
    Path out = dir.resolve("out");
    Outcome result = cli("run", file.toString(), "--out", out.toString(), "--set", "groups.clients.count=3", "--seed", "7");
    assertThat(result.exit()).as(result.err()).isZero();
    JsonNode run = report(out).get("runs").get(0);
    // Three clients at 10/s for 2 s.
    assertThat(run.get("groups").get("clients").get("requests").get("sent").asLong()).isEqualTo(60);
    assertThat(run.get("seed").asLong()).isEqualTo(7);
  }

  @Test
  void seedChangesTheRandomDraws() throws Exception {
    // Poisson arrivals and exponential service: what happens depends on every draw.
    Path file =
        scenario(
            "random.conf",
            SCENARIO
                .replace("service-time = 10ms", "service-time { distribution = exponential, mean = 10ms }")
                .replace("distribution = constant", "distribution = poisson")
                .replace("count = 1", "count = 5"));
    Path first = dir.resolve("seed-1");
    Path second = dir.resolve("seed-2");
    assertThat(cli("run", file.toString(), "--out", first.toString(), "--seed", "1").exit()).isZero();
    assertThat(cli("run", file.toString(), "--out", second.toString(), "--seed", "2").exit()).isZero();
    JsonNode one = report(first).get("runs").get(0).get("groups");
    JsonNode two = report(second).get("runs").get(0).get("groups");
    assertThat(one.get("clients").get("requests").get("latency-ms"))
        .isNotEqualTo(two.get("clients").get("requests").get("latency-ms"));
  }

  @Test
  void validateAcceptsAGoodScenario() throws Exception {
    Path file = scenario("good.conf", SCENARIO + "variants { big { groups.server.workers = 2 } }\n");
    Outcome result = cli("validate", file.toString());
    assertThat(result.exit()).isZero();
    assertThat(result.out()).contains(file + ": valid, 2 runs");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void validateRejectsABadScenarioWithFileAndLineAndNoStackTrace() throws Exception {
    Path file = scenario("bad.conf", SCENARIO.replace("target = server", "target = servr"));
    Outcome result = cli("validate", file.toString());
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err())
        .contains(file + ":14: groups.clients.target: there is no group 'servr'; did you mean 'server'?")
        .contains("1 problem: nothing was run.")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void runOfABadScenarioWritesNoReport() throws Exception {
    Path file = scenario("bad.conf", SCENARIO.replace("duration = 2s", "duration = 2"));
    Path out = dir.resolve("out");
    Outcome result = cli("run", file.toString(), "--out", out.toString());
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains(file + ":3: duration: '2' has no unit").doesNotContain("Exception");
    assertThat(out.resolve("report.json")).doesNotExist();
  }

  @Test
  void aFolderGivenAsTheScenarioIsNamedAsOne() throws Exception {
    Path file = scenario("cli.conf", SCENARIO);
    Outcome result = cli("validate", dir.toString());
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains(dir + ": is a folder; give one of its scenario files, such as " + file);
  }

  @Test
  void aScenarioNestedHundredsDeepIsAProblemNotAStackTrace() throws Exception {
    Path file = scenario("deep.conf", SCENARIO + "deep = " + "{ a = ".repeat(5000) + "1" + " }".repeat(5000) + "\n");
    Outcome result = cli("validate", file.toString());
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains(file + ": nests objects or lists too deeply").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void anOutputFolderThatCannotBeWrittenIsRefusedBeforeTheRun() throws Exception {
    Path file = scenario("cli.conf", SCENARIO);
    Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a folder should be");
    Outcome result = cli("run", file.toString(), "--out", blocker.resolve("out").toString());
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("--out " + blocker.resolve("out") + ": cannot write the report there: ").doesNotContain("Exception");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void reportFilesAreCreatedAsAnyNewFileIs() throws Exception {
    Path file = scenario("cli.conf", SCENARIO);
    Path out = dir.resolve("out");
    assertThat(cli("run", file.toString(), "--out", out.toString()).exit()).isZero();
    // The mode a new file gets here (666 less the umask), not a temporary file's 600.
    Set<PosixFilePermission> usual = Files.getPosixFilePermissions(Files.createFile(dir.resolve("reference")));
    assertThat(Files.getPosixFilePermissions(out.resolve("report.json"))).isEqualTo(usual);
    assertThat(Files.getPosixFilePermissions(out.resolve("report.html"))).isEqualTo(usual);
  }

  @Test
  void benchRefusesSizesItCannotRunWithoutAStackTrace() {
    Outcome zero = cli("bench", "--nodes", "0");
    assertThat(zero.exit()).isEqualTo(2);
    assertThat(zero.err()).contains("--nodes: expected client counts from 1 to 49999999, found 0").doesNotContain("Exception");
    Outcome noTime = cli("bench", "--seconds", "0");
    assertThat(noTime.exit()).isEqualTo(2);
    assertThat(noTime.err()).contains("--seconds: expected a whole number of simulated seconds of at least 1, found 0");
  }

  @Test
  void timeScaleInVirtualTimeIsAProblemUnlessTheCommandLineChoseVirtualTime() throws Exception {
    Path file = scenario("scaled.conf", SCENARIO + "time-scale = 20\n");
    Outcome virtual = cli("validate", file.toString());
    assertThat(virtual.exit()).isEqualTo(2);
    assertThat(virtual.err()).contains("time-scale: applies only with time = real");
    // A scenario written for real time, run in virtual time for once: its time-scale waits.
    assertThat(cli("validate", file.toString(), "--time", "virtual").exit()).isZero();
    assertThat(cli("validate", file.toString(), "--time", "real").exit()).isZero();
  }

  @Test
  void badSetIsBadUsage() throws Exception {
    Path file = scenario("cli.conf", SCENARIO);
    Outcome result = cli("validate", file.toString(), "--set", "groups.clients.count");
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("--set expects path=value").doesNotContain("Exception");
  }

  @Test
  void badUsageExitsWithTwo() throws Exception {
    Path file = scenario("cli.conf", SCENARIO);
    Outcome noCommand = cli();
    assertThat(noCommand.exit()).isEqualTo(2);
    assertThat(noCommand.err()).contains("Missing command");

    Outcome unknownOption = cli("run", file.toString(), "--bogus");
    assertThat(unknownOption.exit()).isEqualTo(2);
    assertThat(unknownOption.err()).contains("--bogus");

    Outcome unknownCommand = cli("walk", file.toString());
    assertThat(unknownCommand.exit()).isEqualTo(2);

    Outcome noFile = cli("run");
    assertThat(noFile.exit()).isEqualTo(2);
    assertThat(noFile.err()).contains("FILE");

    Path missing = dir.resolve("missing.conf");
    Outcome missingFile = cli("run", missing.toString());
    assertThat(missingFile.exit()).isEqualTo(2);
    assertThat(missingFile.err()).contains(missing + ": no such scenario file").doesNotContain("Exception");
  }

  @Test
  void helpAndVersionExitWithZero() {
    Outcome help = cli("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Usage: topolab").contains("run").contains("validate").contains("topolab run scenarios/");

    Outcome runHelp = cli("run", "--help");
    assertThat(runHelp.exit()).isZero();
    assertThat(runHelp.out()).contains("--set").contains("--seed").contains("--out");

    Outcome version = cli("--version");
    assertThat(version.exit()).isZero();
    assertThat(version.out()).startsWith("topolab ").contains("JDK " + System.getProperty("java.version"));
  }

  @Test
  void realTimeRunCompletesAndLeavesNoThreadBehind() throws Exception {
    // 2 s of simulated time at 20 times the wall clock: a tenth of a second, plus the drain.
    Path file = scenario("real.conf", SCENARIO + "time-scale = 20\n");
    Path out = dir.resolve("out");
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    Outcome result = cli("run", file.toString(), "--out", out.toString(), "--time", "real");
    assertThat(result.exit()).as(result.err()).isZero();
    JsonNode run = report(out).get("runs").get(0);
    assertThat(run.get("time").asText()).isEqualTo("real");
    assertThat(run.get("groups").get("clients").get("requests").get("ok").asLong()).isPositive();

    // Threads the run started (its actor system's, its clock's "topolab-real-time") must end: wait
    // for each, then look.
    List<Thread> started =
        Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> !before.contains(thread) && thread.getName().startsWith("topolab"))
            .toList();
    for (Thread thread : started) {
      thread.join(10_000);
    }
    assertThat(started.stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toList())).isEmpty();
  }
}
