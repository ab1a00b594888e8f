package org.topolab.roles.discovery.directory;

import java.util.LinkedHashMap;
import java.util.Map;
import org.topolab.node.GroupInfo;
import org.topolab.role.GroupModel;
import org.topolab.role.GroupSettings;
import org.topolab.role.Role;
import org.topolab.roles.discovery.LookupGroup;
import org.topolab.roles.discovery.LookupWorkload;
import org.topolab.roles.discovery.Zipf;
import org.topolab.settings.Settings;

/**
 * The {@code directory} role: a central index, as Napster had. The group's first {@code
 * index-servers} nodes (default 1) are the index; the others are its peers, which hold the
 * catalogue and look items up. Keys: {@code index-servers} and the lookup workload's ({@link
 * LookupWorkload}). See docs/discovery.md.
 */
public final class DirectoryRole implements Role {

  @Override
  public String name() {
    return "directory";
  }

  @Override
  public GroupModel<?> configure(GroupSettings group) {
    Settings in = group.settings();
    GroupInfo nodes = group.group();
    int servers = in.integer("index-servers", 1, 1, Integer.MAX_VALUE);
    if (servers >= nodes.count()) {
      in.problem("index-servers", servers + " index servers leave no peers in group '" + nodes.name() + "' of "
          + nodes.count() + " nodes; expected fewer than " + nodes.count());
      servers = Math.max(1, nodes.count() - 1);
    }
    LookupWorkload workload = LookupWorkload.read(group, servers);
    int items = workload.catalogue().items();
    int indexServers = servers;
    Map<String, Double> theory = new LinkedHashMap<>();
    theory.put("hops", 1.0);
    theory.put("query-messages-per-lookup", 1.0);
    theory.put("busiest-per-s", busiestLoad(nodes.count() - servers, servers, workload));
    return LookupGroup.model(
        group,
        (node, metrics) -> node.id() - nodes.first() < indexServers
            ? Index.create(node, items, metrics)
            : DirectoryPeer.create(node, workload, metrics),
        LookupGroup.DRAIN_NANOS,
        out -> out.put("index-servers", indexServers),
        new LookupGroup.Theory("directory",
            "one query and its answer; the busiest index server receives lookup-rate x (peers - replicas)"
                + " x the popularity of the items it keeps, per second",
            theory));
  }

  /**
   * The queries per second the busiest index server receives: item i is looked up by the peers
   * that do not hold it, (peers - replicas) of them, each at rate x its popularity, and server s
   * keeps the items i with i mod servers = s.
   */
  static double busiestLoad(int peers, int servers, LookupWorkload workload) {
    Zipf popularity = workload.popularity();
    double[] share = new double[servers];
    for (int item = 0; item < popularity.items(); item++) {
      share[item % servers] += popularity.probability(item);
    }
    double busiest = 0;
    for (double s : share) {
      busiest = Math.max(busiest, s);
    }
    return workload.lookupsPerSecond() * (peers - workload.catalogue().replicas()) * busiest;
  }
}
