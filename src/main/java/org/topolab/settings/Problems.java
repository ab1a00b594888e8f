package org.topolab.settings;

import com.typesafe.config.ConfigOrigin;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects the problems of a scenario, each once, so that all of them are reported together. */
public final class Problems {

  private final String fallbackSource;
  private final Set<Problem> problems = new LinkedHashSet<>();

  /** Problems of the scenario in {@code fallbackSource} (the file, for problems without origin). */
  public Problems(String fallbackSource) {
    this.fallbackSource = fallbackSource;
  }

  /** Records a problem with {@code key} at {@code origin}. */
  public void add(ConfigOrigin origin, String key, String message) {
    int line = origin == null || origin.filename() == null ? 0 : Math.max(0, origin.lineNumber());
    problems.add(new Problem(source(origin), line, key, message));
  }

  /** How many problems have been recorded. */
  public int size() {
    return problems.size();
  }

  /** Whether anything has been recorded. */
  public boolean isEmpty() {
    return problems.isEmpty();
  }

  /** Throws a {@link ScenarioException} if anything has been recorded. */
  public void throwIfAny() throws ScenarioException {
    if (!problems.isEmpty()) {
      throw new ScenarioException(new ArrayList<>(problems));
    }
  }

  /** What has been recorded so far. */
  public List<Problem> list() {
    return List.copyOf(problems);
  }

  private String source(ConfigOrigin origin) {
    if (origin == null) {
      return fallbackSource;
    }
    if (origin.filename() != null) {
      return origin.filename();
    }
    String description = origin.description();
    if (description != null && description.startsWith("--")) {
      // Our own origins for command-line overrides: "--set path=value".
      int colon = description.indexOf(": ");
      return colon > 0 ? description.substring(0, colon) : description;
    }
    return fallbackSource;
  }
}
