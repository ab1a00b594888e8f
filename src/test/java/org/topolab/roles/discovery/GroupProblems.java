package org.topolab.roles.discovery;

import org.topolab.testkit.Scenarios;

/** What a scenario with one discovery group is refused with, for the tests of the roles' keys. */
public final class GroupProblems {

  private GroupProblems() {}

  /**
   * The problems of a scenario (60 s, warm-up 20 s) whose one group, {@code peers} on line 4, has
   * these keys, as the exception lists them; fails if the scenario is accepted.
   */
  public static String of(String keys) {
    String scenario = "duration = 60s\nwarmup = 20s\ngroups {\n  peers { " + keys + " }\n}\n";
    try {
      Scenarios.run(scenario);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("the scenario was accepted:\n" + scenario);
  }
}
