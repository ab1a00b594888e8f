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
import org.topolab.scenario.RunParser;
import org.topolab.scenario.RunSetup;
import org.topolab.scenario.ScenarioLoader;
import org.topolab.settings.Problem;
import org.topolab.settings.Problems;
import org.topolab.settings.ScenarioException;

/** Reads scenarios for the test kit: given as text or as a file, invalid ones as one clear exception. */
final class KitScenario {

  /**
   * The name that problems give a scenario passed as text: its temporary file is gone by the time
   * anyone reads them.
   */
  static final String TEXT = "scenario";

  private KitScenario() {}

  /** A kit with the nodes and network of the first run of {@code scenario}. */
  static NodeTestKit kit(String scenario, List<String> overrides) {
    return withFile(scenario, file -> kit(file, TEXT, overrides));
  }

  /** As {@link #kit(String, List)}, for the scenario in {@code file}, which problems call {@code source}. */
  static NodeTestKit kit(Path file, String source, List<String> overrides) {
    RoleRegistry roles = new RoleRegistry();
    Experiment experiment = load(roles, file, source, overrides);
    // load() has parsed every run already: any problem was thrown there.
    RunSetup run = new RunParser(roles).parse(experiment.runs().get(0), new Problems(file.toString()));
    return new NodeTestKit(
        run.topology(), run.window(), run.latency(), run.loss(), run.seed(), run.models(), Duration.ofSeconds(60));
  }

  /** The experiment in {@code file}; an invalid one throws with every problem, naming the file {@code source}. */
  static Experiment load(RoleRegistry roles, Path file, String source, List<String> overrides) {
    try {
      return new ScenarioLoader(roles).load(file, overrides);
    } catch (ScenarioException e) {
      throw invalid(e.problems(), file, source);
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

  /** Every problem as {@code FILE:LINE: key: message}, those of {@code file} under the name {@code source}. */
  static IllegalArgumentException invalid(List<Problem> problems, Path file, String source) {
    String path = file.toString();
    return new IllegalArgumentException(
        "invalid scenario:\n"
            + problems.stream()
                .map(p -> p.source().equals(path) ? new Problem(source, p.line(), p.key(), p.message()) : p)
                .map(Problem::toString)
                .collect(Collectors.joining("\n")));
  }
}
