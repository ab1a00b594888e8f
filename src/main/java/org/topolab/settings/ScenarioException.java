package org.topolab.settings;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario that cannot run, with every problem found in it. */
public final class ScenarioException extends Exception {

  private final List<Problem> problems;

  /** An exception listing {@code problems}, sorted by place. */
  public ScenarioException(List<Problem> problems) {
    super(problems.stream().sorted().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = problems.stream().sorted().toList();
  }

  /** The problems, sorted by file and line. */
  public List<Problem> problems() {
    return problems;
  }
}
