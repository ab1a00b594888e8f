package org.topolab.roles.discovery.unstructured;

import java.util.Map;
import org.topolab.node.GroupInfo;
import org.topolab.role.GroupModel;
import org.topolab.role.GroupSettings;
import org.topolab.role.Role;
import org.topolab.roles.discovery.LookupGroup;
import org.topolab.roles.discovery.LookupWorkload;
import org.topolab.settings.Settings;

/**
 * The {@code super-peers} role: the group's first nodes, a {@code super-peer-share} of them (at
 * least one), are super-peers on a random overlay of {@code degree} neighbours among themselves;
 * the others are leaves, node i a leaf of super-peer i mod super-peers. Keys {@code
 * super-peer-share}, {@code degree}, {@code ttl}, and the lookup workload's ({@link
 * LookupWorkload}). See docs/discovery.md.
 */
public final class SuperPeersRole implements Role {

  @Override
  public String name() {
    return "super-peers";
  }

  @Override
  public GroupModel<?> configure(GroupSettings group) {
    Settings in = group.settings();
    GroupInfo nodes = group.group();
    double share = in.number("super-peer-share", 0.1, 0, 1);
    int superPeers = (int) Math.max(1, Math.min(nodes.count(), Math.round(share * nodes.count())));
    // Among few super-peers, each links to all the others at most.
    int degree = Math.min(in.integer("degree", 4, 1, 10_000), superPeers - 1);
    int ttl = in.integer("ttl", 3, 1, 1000);
    LookupWorkload workload = LookupWorkload.read(group);
    SuperPeer.Spec spec = new SuperPeer.Spec(workload, superPeers, Overlay.random(group.seed(), superPeers, degree), ttl);
    return LookupGroup.model(
        group,
        (node, metrics) -> node.id() - nodes.first() < superPeers
            ? SuperPeer.create(node, spec, metrics)
            : Leaf.create(node, spec, metrics),
        LookupGroup.DRAIN_NANOS,
        out -> {
          out.put("super-peers", superPeers);
          out.put("degree", degree);
          out.put("ttl", ttl);
        },
        new LookupGroup.Theory("super-peers",
            "at most 1 + " + FloodTheory.formula(degree, ttl) + " among the super-peers (a leaf's own super-peer may know a holder)",
            Map.of("query-messages-per-lookup", 1 + FloodTheory.messages(degree, ttl))));
  }
}
