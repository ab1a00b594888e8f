package org.topolab.settings;

/**
 * One thing wrong with a scenario: where it is ({@code file:line}, or the {@code --set} option),
 * the key it concerns, and what is wrong with it.
 */
public record Problem(String source, int line, String key, String message) implements Comparable<Problem> {

  /** As printed: {@code FILE:LINE: key.path: message}. */
  @Override
  public String toString() {
    String where = line > 0 ? source + ":" + line : source;
    return key.isEmpty() ? where + ": " + message : where + ": " + key + ": " + message;
  }

  @Override
  public int compareTo(Problem other) {
    int bySource = source.compareTo(other.source);
    if (bySource != 0) {
      return bySource;
    }
    int byLine = Integer.compare(line, other.line);
    return byLine != 0 ? byLine : toString().compareTo(other.toString());
  }
}
