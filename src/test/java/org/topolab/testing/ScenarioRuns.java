package org.topolab.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.topolab.engine.ExperimentRunner;
import org.topolab.engine.LocalDeployment;
import org.topolab.roles.RoleRegistry;
import org.topolab.scenario.Experiment;
import org.topolab.scenario.ScenarioLoader;

/** Runs a scenario given as text, the way {@code topolab run} does, and returns its report. */
public final class ScenarioRuns {

  private ScenarioRuns() {}

  /** The report.json of running {@code scenario} with {@code overrides} ({@code path=value}). */
  public static ObjectNode run(String scenario, String... overrides) throws Exception {
    Path file = Files.createTempFile("topolab-test", ".conf");
    try {
      Files.writeString(file, scenario);
      return run(file, overrides);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** The report.json of running the scenario in {@code file} with {@code overrides}. */
  public static ObjectNode run(Path file, String... overrides) throws Exception {
    RoleRegistry roles = new RoleRegistry();
    Experiment experiment = new ScenarioLoader(roles).load(file, List.of(overrides));
    try (LocalDeployment deployment = new LocalDeployment()) {
      return new ExperimentRunner(deployment, roles).run(experiment, (number, total, run) -> {}).report();
    }
  }

  /** Group {@code group} of run {@code run} in {@code report}. */
  public static JsonNode group(JsonNode report, int run, String group) {
    return report.get("runs").get(run).get("groups").get(group);
  }
}
