package org.topolab.role;

import org.topolab.node.GroupInfo;
import org.topolab.node.RunWindow;
import org.topolab.settings.Settings;

/** What a role reads when it configures a group: the group, its own keys, and the run's window. */
public record GroupSettings(GroupInfo group, Settings settings, RunWindow window) {}
