package org.topolab.testkit;

import java.nio.file.Path;
import java.util.List;
import org.topolab.engine.ExperimentRunner;
import org.topolab.engine.LocalDeployment;
import org.topolab.roles.RoleRegistry;
import org.topolab.scenario.Experiment;

/**
 * Runs a whole scenario in virtual time, as {@code topolab run} does but without writing files,
 * and returns its report. Overrides are {@code path=value}, like {@code --set}.
 */
public final class Scenarios {

  private Scenarios() {}

  /** The report of running the scenario given as HOCON text. */
  public static ScenarioReport run(String scenario, String... overrides) {
    return KitScenario.withFile(scenario, file -> run(file, KitScenario.TEXT, overrides));
  }

  /** The report of running the scenario in {@code file}. */
  public static ScenarioReport run(Path file, String... overrides) {
    return run(file, file.toString(), overrides);
  }

  private static ScenarioReport run(Path file, String source, String[] overrides) {
    RoleRegistry roles = new RoleRegistry();
    Experiment experiment = KitScenario.load(roles, file, source, List.of(overrides));
    try (LocalDeployment deployment = new LocalDeployment()) {
      return new ScenarioReport(new ExperimentRunner(deployment, roles).run(experiment, (number, total, run) -> {}).report());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("run failed: " + e.getMessage(), e);
    }
  }
}
