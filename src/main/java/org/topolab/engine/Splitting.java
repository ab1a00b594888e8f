package org.topolab.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigOrigin;
import org.topolab.scenario.RunSetup;
import org.topolab.settings.Problems;
import org.topolab.time.TimeMode;

/** Whether a run can be split into partitions, said at the scenario's line before anything runs. */
public final class Splitting {

  private Splitting() {}

  /**
   * Records in {@code problems} why {@code run} cannot be split into {@code partitions}: in
   * virtual time a message must take some time between any two nodes (the lookahead); in real
   * time only a cluster splits a run ({@code realTimeSplits}), one partition per member.
   */
  public static void check(RunSetup run, int partitions, boolean realTimeSplits, Problems problems) {
    if (partitions == 1) {
      return;
    }
    Config config = run.spec().config();
    if (run.time() == TimeMode.REAL) {
      if (!realTimeSplits) {
        problems.add(origin(config, "time"), "time",
            "a real-time run is not split into partitions (its nodes run on the clock's own thread, to keep its timing); "
                + "drop --partitions " + partitions + ", or use time = virtual");
      }
    } else if (Lookahead.of(run, Placement.of(run, partitions)) <= 0) {
      problems.add(origin(config, "network.latency"), "network.latency",
          "a run split into " + partitions + " partitions needs a smallest possible delay between two nodes above 0, "
              + "and here a message can arrive at once (a latency of 0, or a distribution such as exponential that starts at 0, "
              + "and no access latency in the links); give the latency a minimum, e.g. "
              + "latency = { distribution = uniform, min = 5ms, max = 50ms }, or run in one partition");
    }
  }

  private static ConfigOrigin origin(Config config, String path) {
    return config.hasPath(path) ? config.getValue(path).origin() : config.origin();
  }
}
