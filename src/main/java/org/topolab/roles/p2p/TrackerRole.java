package org.topolab.roles.p2p;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.actor.typed.Behavior;
import org.topolab.node.NodeContext;
import org.topolab.role.GroupMetrics;
import org.topolab.role.GroupModel;
import org.topolab.role.GroupSettings;
import org.topolab.role.Role;

/** The {@code tracker} role: key {@code neighbours}, the most members it hands a joining peer. */
public final class TrackerRole implements Role {

  @Override
  public String name() {
    return "tracker";
  }

  @Override
  public GroupModel<?> configure(GroupSettings group) {
    int neighbours = group.settings().integer("neighbours", 50, 1, 100_000);
    return new GroupModel<GroupMetrics.None>() {
      @Override
      public GroupMetrics.None newMetrics() {
        return GroupMetrics.none();
      }

      @Override
      public Behavior<?> createNode(NodeContext node, GroupMetrics.None metrics) {
        return Tracker.create(node, neighbours);
      }

      @Override
      public void report(ObjectNode out, GroupMetrics.None metrics) {
        out.put("neighbours", neighbours);
      }
    };
  }
}
