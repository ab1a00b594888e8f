package org.topolab.roles.discovery.kademlia;

import com.typesafe.config.ConfigValue;
import java.util.Map;
import org.topolab.node.GroupInfo;
import org.topolab.role.GroupModel;
import org.topolab.role.GroupSettings;
import org.topolab.role.Role;
import org.topolab.roles.discovery.LookupGroup;
import org.topolab.roles.discovery.LookupWorkload;
import org.topolab.settings.Settings;

/**
 * The {@code kademlia} role: keys {@code k}, {@code alpha}, {@code id-bits}, {@code bootstrap},
 * {@code refresh}, {@code timeout}, and the lookup workload's ({@link LookupWorkload}). See
 * docs/discovery.md.
 */
public final class KademliaRole implements Role {

  /** A lookup started just before the end of the workload has this many RPC timeouts to finish in. */
  static final int DRAIN_TIMEOUTS = 10;

  private static final long HOUR = 3_600_000_000_000L;
  private static final long SECOND = 1_000_000_000L;
  private static final long MILLISECOND = 1_000_000L;

  @Override
  public String name() {
    return "kademlia";
  }

  @Override
  public GroupModel<?> configure(GroupSettings group) {
    Settings in = group.settings();
    GroupInfo nodes = group.group();
    int k = in.integer("k", 20, 1, 1000);
    int alpha = in.integer("alpha", 3, 1, 1000);
    if (alpha > k) {
      in.problem("alpha", alpha + " queries at a time is more than the k = " + k + " nodes a lookup converges on; expected at most k");
    }
    int bits = in.integer("id-bits", 160, 32, 512);
    int bootstrap = in.integer("bootstrap", 0, 0, Integer.MAX_VALUE);
    if (bootstrap >= nodes.count()) {
      in.problem("bootstrap", "group '" + nodes.name() + "' has nodes 0 to " + (nodes.count() - 1) + "; "
          + bootstrap + " is not one of them");
      bootstrap = 0;
    }
    long refresh = refresh(in);
    long timeout = in.duration("timeout", SECOND, MILLISECOND);
    LookupWorkload workload = LookupWorkload.read(group);
    KeySpace space = new KeySpace(group.seed(), nodes, workload.catalogue().items(), bits);
    Kademlia.Spec spec = new Kademlia.Spec(space, workload, k, alpha, nodes.id(bootstrap), refresh, timeout);
    return LookupGroup.model(
        group,
        (node, metrics) -> Kademlia.create(node, spec, metrics),
        DRAIN_TIMEOUTS * timeout,
        out -> {
          out.put("k", k);
          out.put("alpha", alpha);
          out.put("id-bits", bits);
        },
        new LookupGroup.Theory("kademlia", "log2 N (the bound: each hop at least one bit nearer the key)",
            Map.of("hops", log2(nodes.count()))));
  }

  /** {@code refresh}: the interval after which an untouched bucket is refreshed, or {@code off} (returned as 0). */
  private static long refresh(Settings in) {
    ConfigValue value = in.raw("refresh");
    if (value != null && "off".equals(value.unwrapped())) {
      return 0;
    }
    return in.duration("refresh", HOUR, MILLISECOND);
  }

  private static double log2(int n) {
    return Math.log(n) / Math.log(2);
  }
}
