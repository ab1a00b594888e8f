package org.topolab.settings;

import java.util.Collection;

/** Finds the name a person probably meant, for "did you mean" hints. */
public final class Names {

  private Names() {}

  /** The closest of {@code candidates} to {@code typed}, or null if none is close. */
  public static String closest(String typed, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(typed.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int allowed = Math.max(2, typed.length() / 3);
    return bestDistance <= allowed ? best : null;
  }

  /** " (did you mean 'x'?)" or the empty string. */
  public static String hint(String typed, Collection<String> candidates) {
    String closest = closest(typed, candidates);
    return closest == null ? "" : "; did you mean '" + closest + "'?";
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
