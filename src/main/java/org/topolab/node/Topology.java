package org.topolab.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which nodes a run has: groups in declaration order, node ids numbered through them. */
public final class Topology {

  private final List<GroupInfo> groups;
  private final Map<String, GroupInfo> byName = new LinkedHashMap<>();
  private final int size;

  /** A topology of {@code groups}, whose ids must be contiguous from 0 in list order. */
  public Topology(List<GroupInfo> groups) {
    this.groups = List.copyOf(groups);
    int next = 0;
    for (GroupInfo group : this.groups) {
      if (group.first() != next) {
        throw new IllegalArgumentException("group " + group.name() + " should start at id " + next);
      }
      next += group.count();
      byName.put(group.name(), group);
    }
    this.size = next;
  }

  /** All groups, in declaration order. */
  public List<GroupInfo> groups() {
    return groups;
  }

  /** The group called {@code name}, or null. */
  public GroupInfo group(String name) {
    return byName.get(name);
  }

  /** The group that node {@code id} belongs to. */
  public GroupInfo groupOf(int id) {
    int low = 0;
    int high = groups.size() - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (groups.get(mid).first() <= id) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return groups.get(low);
  }

  /** A readable name for node {@code id}: the group's name, and its index if it has several. */
  public String nodeName(int id) {
    GroupInfo group = groupOf(id);
    return group.count() == 1 ? group.name() : group.name() + "-" + (id - group.first());
  }

  /** Total number of nodes. */
  public int size() {
    return size;
  }
}
