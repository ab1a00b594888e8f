package org.topolab.roles;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.topolab.role.Role;
import org.topolab.roles.aggregation.AveragingRole;
import org.topolab.roles.clientserver.ClientRole;
import org.topolab.roles.clientserver.LoadBalancerRole;
import org.topolab.roles.clientserver.ServerRole;
import org.topolab.roles.discovery.directory.DirectoryRole;
import org.topolab.roles.discovery.kademlia.KademliaRole;
import org.topolab.roles.discovery.unstructured.FloodingRole;
import org.topolab.roles.discovery.unstructured.SuperPeersRole;
import org.topolab.roles.p2p.DownloaderRole;
import org.topolab.roles.p2p.FileServerRole;
import org.topolab.roles.p2p.PeerRole;
import org.topolab.roles.p2p.TrackerRole;
import org.topolab.roles.updates.GossipRole;
import org.topolab.roles.updates.PublisherRole;
import org.topolab.roles.updates.SubscriberRole;

/**
 * Finds a role by the name a scenario gives: a built-in role, a role listed through {@link
 * ServiceLoader}, or the class name of a {@link Role}.
 */
public final class RoleRegistry {

  private final Map<String, Role> roles = new TreeMap<>();

  /** The built-in roles and those found on the classpath. */
  public RoleRegistry() {
    for (Role role : List.of(
        new ServerRole(), new ClientRole(), new LoadBalancerRole(),
        new FileServerRole(), new DownloaderRole(), new TrackerRole(), new PeerRole(),
        new PublisherRole(), new SubscriberRole(), new AveragingRole(),
        new GossipRole(), new KademliaRole(), new DirectoryRole(),
        new FloodingRole(), new SuperPeersRole())) {
      roles.put(role.name(), role);
    }
    for (Role role : ServiceLoader.load(Role.class)) {
      roles.putIfAbsent(role.name(), role);
    }
  }

  /**
   * The role called {@code name}, or the {@link Role} class so named.
   *
   * @throws IllegalArgumentException with a message for the scenario's author
   */
  public Role find(String name) {
    Role role = roles.get(name);
    if (role != null) {
      return role;
    }
    if (!name.contains(".")) {
      throw new IllegalArgumentException(
          "unknown role '" + name + "'" + org.topolab.settings.Names.hint(name, roles.keySet())
              + " (roles: " + String.join(", ", roles.keySet()) + ", or the class name of your own Role)");
    }
    try {
      Class<?> type = Class.forName(name);
      if (!Role.class.isAssignableFrom(type)) {
        throw new IllegalArgumentException("class " + name + " does not implement " + Role.class.getName());
      }
      return (Role) type.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "no role class " + name + " on the classpath (add its jar with TOPOLAB_CLASSPATH)");
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("cannot create role " + name + ": it needs a public no-argument constructor");
    }
  }
}
