package org.topolab.role;

import org.topolab.faults.FaultTimes;
import org.topolab.node.GroupInfo;
import org.topolab.node.RunWindow;
import org.topolab.settings.Settings;

/**
 * What a role reads when it configures a group: the group, its own keys, the run's window, the
 * run's seed, from which a role may derive what every node must agree on (through {@link
 * org.topolab.node.Seeds}), such as where items are placed, and when the run's faults are in force
 * (for metrics that count what happens meanwhile).
 */
public record GroupSettings(GroupInfo group, Settings settings, RunWindow window, long seed, FaultTimes faults) {

  /** The settings of a group in a run without faults. */
  public GroupSettings(GroupInfo group, Settings settings, RunWindow window, long seed) {
    this(group, settings, window, seed, FaultTimes.NONE);
  }
}
