package org.topolab.role;

import org.topolab.node.GroupInfo;
import org.topolab.node.RunWindow;
import org.topolab.settings.Settings;

/**
 * What a role reads when it configures a group: the group, its own keys, the run's window, and the
 * run's seed, from which a role may derive what every node must agree on (through {@link
 * org.topolab.node.Seeds}), such as where items are placed.
 */
public record GroupSettings(GroupInfo group, Settings settings, RunWindow window, long seed) {}
