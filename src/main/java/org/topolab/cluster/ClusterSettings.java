package org.topolab.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a member of a topolab cluster listens and whom it joins: its host and port, and the
 * seed nodes ({@code host:port}) through which members find each other. Read from {@code
 * topolab.cluster} in the configuration; the command line overrides each value.
 *
 * @param host the address other members reach this one at
 * @param port the port it listens on (0: any free port)
 * @param seedNodes members to join through, as {@code host:port}; empty for the first member
 */
public record ClusterSettings(String host, int port, List<String> seedNodes) {

  /** Every member's actor system has this name: a cluster is made of systems of one name. */
  public static final String SYSTEM = "topolab";

  /** Settings with the seed nodes checked. */
  public ClusterSettings {
    seedNodes = List.copyOf(seedNodes);
    for (String seed : seedNodes) {
      address(seed);
    }
  }

  /** The settings under {@code topolab.cluster} in {@code config}. */
  public static ClusterSettings from(Config config) {
    Config cluster = config.getConfig("topolab.cluster");
    return new ClusterSettings(cluster.getString("host"), cluster.getInt("port"), cluster.getStringList("seed-nodes"));
  }

  /** These settings with the host, port and seed nodes that are not null replaced. */
  public ClusterSettings with(String host, Integer port, List<String> seedNodes) {
    return new ClusterSettings(
        host == null ? this.host : host, port == null ? this.port : port, seedNodes == null ? this.seedNodes : seedNodes);
  }

  /**
   * The actor-system configuration of a member with these settings, on top of {@code base}
   * (usually {@link org.topolab.engine.PekkoConfig#load()}): the cluster provider, Artery on the
   * host and port, the seed nodes and the roles given.
   */
  public Config pekkoConfig(Config base, List<String> roles) {
    List<String> seeds = new ArrayList<>();
    for (String seed : seedNodes) {
      seeds.add("pekko://" + SYSTEM + "@" + seed);
    }
    return ConfigFactory.empty()
        .withValue("pekko.actor.provider", ConfigValueFactory.fromAnyRef("cluster"))
        .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(host))
        .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(port))
        .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds))
        .withValue("pekko.cluster.roles", ConfigValueFactory.fromIterable(roles))
        .withFallback(base)
        .resolve();
  }

  /** Checks a {@code host:port} address; returns its port. */
  static int address(String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("'" + hostAndPort + "' is not a member's address; expected HOST:PORT, such as 10.0.0.5:25520");
    }
    try {
      int port = Integer.parseInt(hostAndPort.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + hostAndPort + "' has no valid port; expected HOST:PORT with a port from 1 to 65535");
    }
  }
}
