package org.topolab.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.topolab.roles.RoleRegistry;
import org.topolab.scenario.Experiment;
import org.topolab.scenario.Problems;
import org.topolab.scenario.RunParser;
import org.topolab.scenario.RunSetup;
import org.topolab.scenario.ScenarioException;
import org.topolab.scenario.ScenarioLoader;

/** Reads scenarios for the test kit: given as text or as a file, invalid ones as one clear exception. */
final class KitScenario {

  private KitScenario() {}

  /** A kit with the nodes and network of the first run of {@code scenario}. */
  static NodeTestKit kit(String scenario, List<String> overrides) {
    return withFile(scenario, file -> kit(file, overrides));
  }

  static NodeTestKit kit(Path file, List<String> overrides) {
    RoleRegistry roles = new RoleRegistry();
    Experiment experiment = load(roles, file, overrides);
    Problems problems = new Problems(file.toString());
    RunSetup run = new RunParser(roles).parse(experiment.runs().get(0), problems);
    if (run == null) {
      throw invalid(problems.list());
    }
    return new NodeTestKit(
        run.topology(), run.window(), run.latency(), run.loss(), run.seed(), run.models(), Duration.ofSeconds(60));
  }

  /** The experiment in {@code file}; an invalid one throws with every problem. */
  static Experiment load(RoleRegistry roles, Path file, List<String> overrides) {
    try {
      return new ScenarioLoader(roles).load(file, overrides);
    } catch (ScenarioException e) {
      throw invalid(e.problems());
    }
  }

  /** Calls {@code use} with a file holding {@code scenario}, deleted afterwards. */
  static <T> T withFile(String scenario, Function<Path, T> use) {
    try {
      Path dir = Files.createTempDirectory("topolab-testkit");
      Path file = dir.resolve("scenario.conf");
      try {
        Files.writeString(file, scenario);
        return use.apply(file);
      } finally {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static IllegalArgumentException invalid(List<? extends Object> problems) {
    return new IllegalArgumentException(
        "invalid scenario:\n" + problems.stream().map(String::valueOf).collect(Collectors.joining("\n")));
  }
}
