package org.topolab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.topolab.roles.RoleRegistry;
import org.topolab.scenario.Experiment;
import org.topolab.scenario.Problem;
import org.topolab.scenario.ScenarioException;
import org.topolab.scenario.ScenarioLoader;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options that say which scenario to read and how to change it, shared by commands. */
final class ScenarioOptions {

  @Parameters(index = "0", paramLabel = "FILE", description = "The scenario file (HOCON), e.g. scenarios/web-one-server.conf.")
  Path file;

  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description = "Override a key as if the file said so, e.g. --set groups.clients.count=50. Repeatable.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--seed", paramLabel = "N", description = "Seed of every random draw (overrides the file's seed).")
  Long seed;

  @Option(names = "--time", paramLabel = "MODE", description = "virtual (default: deterministic, fast) or real (wall clock).")
  String time;

  /** The scenario with every override applied, validated. */
  Experiment load(RoleRegistry roles) throws ScenarioException {
    List<String> overrides = new ArrayList<>(sets);
    if (seed != null) {
      overrides.add("seed=" + seed);
    }
    if (time != null) {
      overrides.add("time=" + time);
    }
    return new ScenarioLoader(roles).load(file, overrides);
  }

  /** Prints the problems of a scenario the way the user needs them, and returns exit code 2. */
  static int report(ScenarioException e, java.io.PrintWriter err) {
    for (Problem problem : e.problems()) {
      err.println(problem);
    }
    int count = e.problems().size();
    err.println(count == 1 ? "1 problem: nothing was run." : count + " problems: nothing was run.");
    err.flush();
    return 2;
  }
}
