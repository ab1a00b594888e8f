package org.topolab.testkit;

import java.nio.file.Path;
import java.util.List;
import org.topolab.engine.LocalDeployment;
import org.topolab.engine.PekkoConfig;
import org.topolab.roles.RoleRegistry;
import org.topolab.run.ExperimentRunner;
import org.topolab.scenario.Experiment;
import org.topolab.settings.ScenarioException;

/**
 * Runs a whole scenario, as {@code topolab run} does but without writing files, and returns its
 * report. Overrides are {@code path=value}, like {@code --set}. {@link #inPartitions} splits each
 * virtual-time run, as {@code --partitions} does. An invalid scenario throws {@link
 * IllegalArgumentException} listing every problem as {@code FILE:LINE: key: message}.
 */
public final class Scenarios {

  private final int partitions;

  private Scenarios(int partitions) {
    this.partitions = partitions;
  }

  /** Runs that split each virtual-time run into {@code partitions} partitions, one thread each. */
  public static Scenarios inPartitions(int partitions) {
    return new Scenarios(partitions);
  }

  /** The report of running the scenario given as HOCON text. */
  public static ScenarioReport run(String scenario, String... overrides) {
    return inPartitions(1).report(scenario, overrides);
  }

  /** The report of running the scenario in {@code file}. */
  public static ScenarioReport run(Path file, String... overrides) {
    return inPartitions(1).report(file, overrides);
  }

  /** The report of running the scenario given as HOCON text, in these partitions. */
  public ScenarioReport report(String scenario, String... overrides) {
    return KitScenario.withFile(scenario, file -> report(file, KitScenario.TEXT, overrides));
  }

  /** The report of running the scenario in {@code file}, in these partitions. */
  public ScenarioReport report(Path file, String... overrides) {
    return report(file, file.toString(), overrides);
  }

  private ScenarioReport report(Path file, String source, String[] overrides) {
    RoleRegistry roles = new RoleRegistry();
    Experiment experiment = KitScenario.load(roles, file, source, List.of(overrides));
    try (LocalDeployment deployment = new LocalDeployment(PekkoConfig.load(), partitions)) {
      return new ScenarioReport(new ExperimentRunner(deployment, roles).run(experiment, (number, total, run) -> {}).report());
    } catch (ScenarioException e) {
      throw KitScenario.invalid(e.problems(), file, source);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("run failed: " + e.getMessage(), e);
    }
  }
}
