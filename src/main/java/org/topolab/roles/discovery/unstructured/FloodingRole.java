package org.topolab.roles.discovery.unstructured;

import java.util.List;
import java.util.Map;
import org.topolab.node.GroupInfo;
import org.topolab.role.GroupModel;
import org.topolab.role.GroupSettings;
import org.topolab.role.Role;
import org.topolab.roles.discovery.LookupGroup;
import org.topolab.roles.discovery.LookupWorkload;
import org.topolab.settings.Settings;

/**
 * The {@code flooding} role: peers on a random overlay of {@code degree} neighbours each, looking
 * items up by {@code search = flood} (the default) or {@code random-walk}; keys {@code degree},
 * {@code search}, {@code ttl}, {@code walkers}, and the lookup workload's ({@link LookupWorkload}).
 * See docs/discovery.md.
 */
public final class FloodingRole implements Role {

  @Override
  public String name() {
    return "flooding";
  }

  @Override
  public GroupModel<?> configure(GroupSettings group) {
    Settings in = group.settings();
    GroupInfo nodes = group.group();
    int degree = degree(in, nodes);
    boolean walk = in.choice("search", "flood", List.of("flood", "random-walk")).equals("random-walk");
    int ttl = in.integer("ttl", walk ? 64 : 4, 1, 1000);
    int walkers = walk ? in.integer("walkers", 16, 1, 10_000) : 0;
    if (!walk && in.has("walkers")) {
      in.problem("walkers", "walkers are for search = random-walk; this group floods (search = flood)");
    }
    LookupWorkload workload = LookupWorkload.read(group);
    Flooding.Spec spec = new Flooding.Spec(workload, Overlay.random(group.seed(), nodes.count(), degree), ttl, walkers);
    LookupGroup.Theory theory = walk
        ? new LookupGroup.Theory("random-walk", "at most walkers x ttl query messages (each walker stops at a holder)",
            Map.of("query-messages-per-lookup", (double) walkers * ttl))
        : new LookupGroup.Theory("flooding", FloodTheory.formula(degree, ttl),
            Map.of("query-messages-per-lookup", FloodTheory.messages(degree, ttl)));
    return LookupGroup.model(
        group,
        (node, metrics) -> Flooding.create(node, spec, metrics),
        LookupGroup.DRAIN_NANOS,
        out -> {
          out.put("degree", degree);
          out.put("search", walk ? "random-walk" : "flood");
          out.put("ttl", ttl);
          if (walk) {
            out.put("walkers", walkers);
          }
        },
        theory);
  }

  /** {@code degree}: the overlay's neighbours per node, from 1 to one less than the group's nodes. */
  private static int degree(Settings in, GroupInfo nodes) {
    int degree = in.integer("degree", 4, 1, 10_000);
    if (degree >= nodes.count()) {
      in.problem("degree", degree + " neighbours each need a group of more than " + degree + " nodes; '" + nodes.name()
          + "' has " + nodes.count());
      return Math.max(0, nodes.count() - 1);
    }
    return degree;
  }
}
