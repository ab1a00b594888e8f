package org.topolab.role;

import org.topolab.faults.FaultTimes;
import org.topolab.node.GroupInfo;
import org.topolab.node.RunWindow;
import org.topolab.settings.Settings;

/**
 * What a role reads when it configures a group: the group, its own keys, the run's window, and
 * when the run's faults are in force (for metrics that count what happens meanwhile).
 */
public record GroupSettings(GroupInfo group, Settings settings, RunWindow window, FaultTimes faults) {

  /** The settings of a group in a run without faults. */
  public GroupSettings(GroupInfo group, Settings settings, RunWindow window) {
    this(group, settings, window, FaultTimes.NONE);
  }
}
