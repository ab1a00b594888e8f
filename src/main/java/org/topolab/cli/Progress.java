package org.topolab.cli;

import java.io.PrintWriter;
import org.topolab.engine.ExperimentRunner;
import org.topolab.scenario.RunSpec;

/** Shows which run is going on, on a terminal only; quiet when output goes to a file or pipe. */
final class Progress implements ExperimentRunner.Listener {

  private final PrintWriter out;
  private final boolean terminal;
  private boolean shown;

  Progress(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public void starting(int number, int total, RunSpec run) {
    if (terminal) {
      out.print("\r\033[K[" + number + "/" + total + "] " + run.label());
      out.flush();
      shown = true;
    }
  }

  void done() {
    if (shown) {
      out.print("\r\033[K");
      out.flush();
      shown = false;
    }
  }
}
