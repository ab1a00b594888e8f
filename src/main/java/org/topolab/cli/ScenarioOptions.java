package org.topolab.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.topolab.roles.RoleRegistry;
import org.topolab.scenario.Experiment;
import org.topolab.scenario.ScenarioLoader;
import org.topolab.settings.Problem;
import org.topolab.settings.ScenarioException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options that say which scenario to read and how to change it, shared by commands. */
final class ScenarioOptions {

  /** The environment variable with which bin/topolab adds jars of the user's own to the class path. */
  static final String USER_CLASSPATH = "TOPOLAB_CLASSPATH";

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

  /**
   * The scenario with every override applied, validated. {@code userClasspath} is the value of
   * {@value #USER_CLASSPATH} (or null); an entry of it that does not exist is named at once, rather
   * than left to surface as an unknown role.
   */
  Experiment load(RoleRegistry roles, String userClasspath) throws ScenarioException {
    checkClasspath(userClasspath);
    List<String> overrides = new ArrayList<>(sets);
    if (seed != null) {
      overrides.add("seed=" + seed);
    }
    if (time != null) {
      overrides.add("time=" + time);
    }
    return new ScenarioLoader(roles).load(file, overrides);
  }

  /** Throws {@link IllegalArgumentException} naming the first entry of {@code classpath} that does not exist. */
  static void checkClasspath(String classpath) {
    if (classpath == null) {
      return;
    }
    for (String entry : classpath.split(File.pathSeparator)) {
      // "dir/*" stands for the jars in dir, as on java's own class path.
      String path = entry.equals("*") ? "." : entry.endsWith("/*") ? entry.substring(0, entry.length() - 2) : entry;
      if (!entry.isEmpty() && !Files.exists(Path.of(path))) {
        throw new IllegalArgumentException(USER_CLASSPATH + " entry " + entry + " does not exist");
      }
    }
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
