package org.topolab.role;

/**
 * A kind of node that a scenario's group can name as its {@code role}.
 *
 * <p>To add your own, implement this interface (with a public no-argument constructor), put the
 * class on the classpath, and name it in a scenario either by its class name or, if it is listed
 * in {@code META-INF/services/org.topolab.role.Role}, by its {@link #name()}. See
 * docs/custom-roles.md.
 */
public interface Role {

  /** The name a scenario uses for this role, such as {@code server}. */
  String name();

  /**
   * Reads and validates a group's settings for one run, and returns the model that creates its
   * nodes and keeps its metrics. Problems are recorded through the settings, not thrown.
   */
  GroupModel configure(GroupSettings group);
}
