package org.topolab.scenario;

import java.nio.file.Path;
import java.util.List;

/**
 * A scenario file expanded into its runs: every variant at every sweep point.
 *
 * @param name the scenario's {@code name}
 * @param file where it was read from
 * @param runs the runs, sweep point by sweep point, each point's variants side by side
 */
public record Experiment(String name, Path file, List<RunSpec> runs) {

  /** The file's name without {@code .conf}: the default output folder's name. */
  public String slug() {
    return slugOf(file);
  }

  /** {@code file}'s name without {@code .conf}. */
  public static String slugOf(Path file) {
    String base = file.getFileName().toString();
    return base.endsWith(".conf") ? base.substring(0, base.length() - 5) : base;
  }
}
