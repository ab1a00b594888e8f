package org.topolab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import org.topolab.engine.LocalDeployment;
import org.topolab.engine.PekkoConfig;
import org.topolab.report.ConsoleTable;
import org.topolab.report.HtmlReport;
import org.topolab.report.ReportWriter;
import org.topolab.roles.RoleRegistry;
import org.topolab.run.ExperimentRunner;
import org.topolab.scenario.Experiment;
import org.topolab.settings.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code topolab run}: runs every variant and sweep point of a scenario and writes the report. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a scenario: every variant at every sweep point. Prints a summary table and writes",
      "DIR/report.json and DIR/report.html (the same with charts, a page that opens offline).",
      "Exit 0 on success, 1 if the run failed, 2 on bad usage or an invalid scenario."
    })
final class RunCommand implements Callable<Integer> {

  /** More partitions than this would only add threads that wait for each other. */
  static final int MAX_PARTITIONS = 1024;

  @Mixin ScenarioOptions scenario;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write the report (default: out/<scenario file name>).")
  Path out;

  @Option(
      names = "--partitions",
      paramLabel = "K",
      description = {
        "Split each virtual-time run into K partitions, one thread each, to use K cores (default 1).",
        "The report is the same for every K; the scenario's latency needs a minimum above 0."
      })
  int partitions = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand Main main;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    RoleRegistry roles = new RoleRegistry();
    Experiment experiment;
    try {
      experiment = scenario.load(roles, main.environment(ScenarioOptions.USER_CLASSPATH));
    } catch (ScenarioException e) {
      return ScenarioOptions.report(e, stderr);
    } catch (IllegalArgumentException e) {
      stderr.println(e.getMessage());
      return 2;
    }
    Path dir = out != null ? out : Path.of("out", experiment.slug());
    Progress progress = new Progress(stderr, System.console() != null);
    if (partitions < 1 || partitions > MAX_PARTITIONS) {
      stderr.println("--partitions: expected a whole number from 1 to " + MAX_PARTITIONS + ", found " + partitions);
      return 2;
    }
    try (LocalDeployment deployment = new LocalDeployment(PekkoConfig.load(), partitions)) {
      ExperimentRunner.Result result = new ExperimentRunner(deployment, roles).run(experiment, progress);
      progress.done();
      // The page is drawn before anything is written, so that a failure leaves neither file.
      String html = HtmlReport.render(result.report());
      Path report = ReportWriter.write(dir, result.report());
      Path page = HtmlReport.write(dir, html);
      stdout.println(experiment.name());
      stdout.print(ConsoleTable.render(result.rows()));
      String sideBySide = ConsoleTable.renderSideBySide(result.rows());
      if (!sideBySide.isEmpty()) {
        stdout.println();
        stdout.println("Side by side");
        stdout.print(sideBySide);
      }
      stdout.println("report: " + report);
      stdout.println("page:   " + page);
      stdout.flush();
      return 0;
    } catch (ScenarioException e) {
      progress.done();
      return ScenarioOptions.report(e, stderr);
    } catch (Exception e) {
      progress.done();
      LoggerFactory.getLogger(RunCommand.class).debug("run failed", e);
      stderr.println("run failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      stderr.flush();
      return 1;
    }
  }
}
