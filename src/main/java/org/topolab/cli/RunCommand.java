package org.topolab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import org.topolab.cluster.ClusterDeployment;
import org.topolab.cluster.ClusterSettings;
import org.topolab.cluster.LocalCluster;
import org.topolab.engine.Deployment;
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
      "Run a scenario, every variant at every sweep point, and write its report.",
      "Prints a summary table and writes DIR/report.json and DIR/report.html (the same with charts,",
      "a page that opens offline).",
      "Exit 0 on success, 1 if the run failed, 2 on bad usage or an invalid scenario."
    })
final class RunCommand implements Callable<Integer> {

  /** More members than this on one machine would only compete for its cores. */
  static final int MAX_LOCAL_MEMBERS = 64;

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

  @Option(
      names = "--cluster",
      split = ",",
      paramLabel = "HOST:PORT",
      description = {
        "Run on the members of a cluster, joined through these members' addresses (see `topolab member`).",
        "Each member's own --partitions sets how many partitions it runs. The report is the same as in one JVM."
      })
  List<String> cluster;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "With --cluster: the address the members reach this JVM at (default: topolab.cluster.host).")
  String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "With --cluster: the port this JVM listens on for the members (default: any free port).")
  Integer port;

  @Option(
      names = "--local-cluster",
      paramLabel = "K",
      description = {
        "Start K member JVMs on this machine, run on them and stop them: cluster mode without other",
        "machines. With --partitions, each member runs that many partitions."
      })
  Integer localCluster;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand Main main;

  /** What is wrong with the options, or null. */
  private String usageProblem() {
    if (partitions < 1 || partitions > MAX_PARTITIONS) {
      return "--partitions: expected a whole number from 1 to " + MAX_PARTITIONS + ", found " + partitions;
    }
    if (cluster != null && localCluster != null) {
      return "--cluster and --local-cluster: choose one (a cluster elsewhere, or one started here)";
    }
    if (cluster != null && partitions != 1) {
      return "--partitions with --cluster: each member's own `topolab member --partitions K` sets how many partitions it runs";
    }
    if (localCluster != null && (localCluster < 1 || localCluster > MAX_LOCAL_MEMBERS)) {
      return "--local-cluster: expected a whole number of members from 1 to " + MAX_LOCAL_MEMBERS + ", found " + localCluster;
    }
    if ((host != null || port != null) && cluster == null) {
      return "--host and --port go with --cluster: where the members reach this JVM";
    }
    return null;
  }

  /** Where the runs go: this JVM, a cluster elsewhere, or a cluster started here. */
  private Deployment deployment() throws InterruptedException {
    if (cluster != null) {
      ClusterSettings settings = ClusterSettings.from(PekkoConfig.load()).with(host, port == null ? 0 : port, cluster);
      return ClusterDeployment.join(settings, PekkoConfig.load(), cluster.size(), Duration.ofSeconds(60));
    }
    if (localCluster != null) {
      return LocalCluster.start(localCluster, partitions, PekkoConfig.load());
    }
    return new LocalDeployment(PekkoConfig.load(), partitions);
  }

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
    String usage = usageProblem();
    if (usage != null) {
      stderr.println(usage);
      return 2;
    }
    String unwritable = OutputFolder.problem(dir);
    if (unwritable != null) {
      stderr.println((out != null ? "--out " : "") + dir + ": " + unwritable);
      return 2;
    }
    try (Deployment deployment = deployment()) {
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
      if (!result.complete()) {
        // What finished is written, marked incomplete; the experiment as a whole failed.
        stdout.println("report of what finished (\"complete\": false): " + report);
        stdout.flush();
        stderr.println("run failed: " + result.report().get("failure").asText());
        stderr.flush();
        return 1;
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
