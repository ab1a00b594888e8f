package org.topolab.cli;

import java.util.concurrent.Callable;
import org.topolab.roles.RoleRegistry;
import org.topolab.scenario.Experiment;
import org.topolab.settings.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

/** {@code topolab validate}: checks a scenario without running it. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Check a scenario (every variant and sweep point) without running it. Exit 0 if valid, 2 if not.")
final class ValidateCommand implements Callable<Integer> {

  @Mixin ScenarioOptions scenario;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand Main main;

  @Override
  public Integer call() {
    try {
      Experiment experiment = scenario.load(new RoleRegistry(), main.environment(ScenarioOptions.USER_CLASSPATH));
      int runs = experiment.runs().size();
      spec.commandLine().getOut().printf("%s: valid, %d run%s%n", scenario.file, runs, runs == 1 ? "" : "s");
      return 0;
    } catch (ScenarioException e) {
      return ScenarioOptions.report(e, spec.commandLine().getErr());
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    }
  }
}
