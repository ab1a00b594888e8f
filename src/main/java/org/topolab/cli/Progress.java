package org.topolab.cli;

import java.io.PrintWriter;
import org.topolab.run.ExperimentRunner;
import org.topolab.scenario.RunSpec;

/** Shows which run is going on, on a terminal only; quiet when output goes to a file or pipe. */
final class Progress implements ExperimentRunner.Listener {

  private final PrintWriter out;
  private final boolean terminal;
  private boolean shown;
  private String current = "";
  private long lastPrint;

  Progress(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public void starting(int number, int total, RunSpec run) {
    current = "[" + number + "/" + total + "] " + run.label();
    if (terminal) {
      out.print("\r\033[K" + current);
      out.flush();
      shown = true;
    }
  }

  @Override
  public void progress(long simulatedNanos) {
    long wall = System.nanoTime();
    if (terminal && wall - lastPrint > 200_000_000L) {
      lastPrint = wall;
      out.printf("\r\033[K%s  simulated %.1f s", current, simulatedNanos / 1e9);
      out.flush();
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
