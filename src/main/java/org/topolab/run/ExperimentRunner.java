package org.topolab.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.topolab.engine.Deployment;
import org.topolab.engine.RunAbortedException;
import org.topolab.engine.RunStats;
import org.topolab.report.ReportWriter;
import org.topolab.report.RunReport;
import org.topolab.role.SummaryRow;
import org.topolab.roles.RoleRegistry;
import org.topolab.scenario.Experiment;
import org.topolab.scenario.RunParser;
import org.topolab.scenario.RunSetup;
import org.topolab.scenario.RunSpec;
import org.topolab.settings.Problems;
import org.topolab.settings.ScenarioException;

/** Runs every run of an experiment, one after the other, on a deployment. */
public final class ExperimentRunner {

  /** Told before each run starts. */
  public interface Listener {
    /** Run {@code number} of {@code total} (from 1) is about to start. */
    void starting(int number, int total, RunSpec run);

    /** The current run has reached {@code simulatedNanos} of simulated time. */
    default void progress(long simulatedNanos) {}
  }

  /**
   * What an experiment produced.
   *
   * @param report the whole of report.json
   * @param rows one console summary row per run
   */
  public record Result(ObjectNode report, List<SummaryRow> rows) {

    /** Whether every run finished: false when the deployment gave one up (report.json {@code complete}). */
    public boolean complete() {
      return report.get("complete").asBoolean();
    }
  }

  private final Deployment deployment;
  private final RunParser parser;

  /** A runner that puts nodes on {@code deployment} and finds roles in {@code roles}. */
  public ExperimentRunner(Deployment deployment, RoleRegistry roles) {
    this.deployment = deployment;
    this.parser = new RunParser(roles);
  }

  /** Runs all of {@code experiment}. */
  public Result run(Experiment experiment, Listener listener) throws Exception {
    // Whatever the deployment cannot do is said before the first run starts, not after an hour.
    Problems unfit = new Problems(experiment.file().toString());
    for (RunSpec spec : experiment.runs()) {
      RunSetup setup = parser.parse(spec, unfit);
      if (setup != null) {
        deployment.check(setup, unfit);
      }
    }
    unfit.throwIfAny();
    List<ObjectNode> runs = new ArrayList<>();
    List<SummaryRow> rows = new ArrayList<>();
    int total = experiment.runs().size();
    for (RunSpec spec : experiment.runs()) {
      listener.starting(spec.index() + 1, total, spec);
      Problems problems = new Problems(experiment.file().toString());
      RunSetup setup = parser.parse(spec, problems);
      if (setup == null) {
        throw new ScenarioException(problems.list());
      }
      RunStats stats;
      try {
        stats = deployment.execute(setup, listener::progress);
      } catch (RunAbortedException e) {
        // What finished before is still worth reading: the report says the rest is missing, and why.
        ObjectNode report = ReportWriter.report(experiment, runs);
        report.put("complete", false);
        report.put("failure", "run " + (spec.index() + 1) + " of " + total + " (" + spec.label() + "): " + e.getMessage());
        return new Result(report, rows);
      }
      ObjectNode run = RunReport.json(setup, stats);
      runs.add(run);
      rows.add(RunReport.row(setup, stats, run));
    }
    return new Result(ReportWriter.report(experiment, runs), rows);
  }
}
