package org.topolab.faults;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.topolab.node.GroupInfo;
import org.topolab.node.Topology;
import org.topolab.settings.Names;
import org.topolab.settings.Settings;

/**
 * What a fault is aimed at, as a scenario writes it: one node ({@code node}, or {@code group} with
 * {@code index}), a {@code fraction} of a group drawn anew each time the fault happens, a whole
 * {@code group}, or whole {@code groups}.
 *
 * @param groups the groups it names
 * @param nodes the nodes it names, when it names them one by one or by whole groups; null for a fraction
 * @param fraction the part of {@code groups.get(0)} drawn each time, or NaN
 */
record Target(List<GroupInfo> groups, int[] nodes, double fraction) {

  /** Nothing: a heal, or a target that could not be read. */
  static final Target NONE = new Target(List.of(), new int[0], Double.NaN);

  /** The keys that aim a fault. */
  static final List<String> KEYS = List.of("node", "group", "index", "fraction", "groups");

  /** Whether any of the target keys is given in {@code in}. */
  static boolean given(Settings in) {
    return KEYS.stream().anyMatch(in::has);
  }

  /** Reads the target keys of {@code in}; NONE, with a problem recorded, if they are wrong. */
  static Target read(Settings in, Topology topology) {
    boolean node = in.has("node");
    boolean group = in.has("group");
    boolean groups = in.has("groups");
    if ((node ? 1 : 0) + (group ? 1 : 0) + (groups ? 1 : 0) != 1) {
      in.problem(
          node ? "group" : group ? "groups" : "node",
          (node || group || groups ? "give only one of node, group and groups" : "needs a target")
              + ": node = servers-0 (one node, or its id), group = servers (with index = 0 or fraction = 0.3, or the whole"
              + " group) or groups = [clients, servers]");
      return NONE;
    }
    if (!group) {
      for (String key : List.of("index", "fraction")) {
        if (in.has(key)) {
          in.problem(key, "goes with group = NAME: it picks nodes of that group");
        }
      }
    }
    if (node) {
      int id = node(in, topology);
      return id < 0 ? NONE : new Target(List.of(topology.groupOf(id)), new int[] {id}, Double.NaN);
    }
    if (groups) {
      List<GroupInfo> named = groups(in, topology);
      return named == null ? NONE : new Target(named, all(named), Double.NaN);
    }
    GroupInfo named = group(in, "group", in.string("group", null), topology);
    if (named == null) {
      return NONE;
    }
    if (in.has("index") && in.has("fraction")) {
      in.problem("fraction", "give either index (one node) or fraction (a part of the group), not both");
      return NONE;
    }
    if (in.has("index")) {
      int index = (int) in.integer("index", null, 0, named.count() - 1);
      return new Target(List.of(named), new int[] {named.id(index)}, Double.NaN);
    }
    if (in.has("fraction")) {
      return new Target(List.of(named), null, in.number("fraction", Double.NaN, 0, 1));
    }
    return new Target(List.of(named), all(List.of(named)), Double.NaN);
  }

  /** The nodes hit this time: those named, or a fraction of the group drawn from {@code random}. */
  int[] resolve(SplittableRandom random) {
    if (nodes != null) {
      return nodes;
    }
    GroupInfo group = groups.get(0);
    int picked = (int) Math.round(fraction * group.count());
    return pick(group, picked, random);
  }

  /** {@code count} nodes of {@code group} drawn from {@code random}, in increasing order. */
  static int[] pick(GroupInfo group, int count, SplittableRandom random) {
    int[] ids = IntStream.range(0, group.count()).map(group::id).toArray();
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(ids.length - i);
      int swap = ids[i];
      ids[i] = ids[j];
      ids[j] = swap;
    }
    int[] chosen = Arrays.copyOf(ids, count);
    Arrays.sort(chosen);
    return chosen;
  }

  /** How a reader names {@code nodes}: a node's name, a whole group's name, or a count. */
  static String describe(int[] nodes, Topology topology) {
    List<String> names = new ArrayList<>();
    int i = 0;
    while (i < nodes.length) {
      GroupInfo group = topology.groupOf(nodes[i]);
      int inGroup = 0;
      while (i + inGroup < nodes.length && group.contains(nodes[i + inGroup])) {
        inGroup++;
      }
      if (inGroup == group.count() && group.count() > 1) {
        names.add(group.name());
      } else if (inGroup <= 8) {
        for (int k = 0; k < inGroup; k++) {
          names.add(topology.nodeName(nodes[i + k]));
        }
      } else {
        names.add(inGroup + " of " + group.count() + " " + group.name());
      }
      i += inGroup;
    }
    return names.isEmpty() ? "no node" : String.join(", ", names);
  }

  /** The groups' names, joined by {@code separator}. */
  String groupNames(String separator) {
    return groups.stream().map(GroupInfo::name).collect(Collectors.joining(separator));
  }

  private static int[] all(List<GroupInfo> groups) {
    return groups.stream().flatMapToInt(g -> IntStream.range(0, g.count()).map(g::id)).sorted().distinct().toArray();
  }

  /** The node that {@code node} names: an id, or a name such as servers-0; -1 if none. */
  private static int node(Settings in, Topology topology) {
    ConfigValue value = in.raw("node");
    Object raw = value.unwrapped();
    if (raw instanceof Number number) {
      long id = number.longValue();
      if (number.doubleValue() == id && id >= 0 && id < topology.size()) {
        return (int) id;
      }
      in.problem("node", raw + " is not a node id; ids run from 0 to " + (topology.size() - 1));
      return -1;
    }
    String name = String.valueOf(raw);
    for (GroupInfo group : topology.groups()) {
      if (group.count() == 1 && name.equals(group.name())) {
        return group.first();
      }
      String prefix = group.name() + "-";
      if (name.startsWith(prefix) && name.substring(prefix.length()).matches("[0-9]{1,9}")) {
        int index = Integer.parseInt(name.substring(prefix.length()));
        if (index < group.count() && (group.count() > 1 || index == 0)) {
          return group.id(index);
        }
      }
    }
    List<String> names = topology.groups().stream().map(GroupInfo::name).toList();
    in.problem("node", "there is no node '" + name + "': name a node by its group and index from 0, such as "
        + topology.nodeName(topology.groups().get(0).first()) + ", or give its id (groups: " + String.join(", ", names) + ")");
    return -1;
  }

  /** The groups listed under {@code groups}; null if the list is wrong. */
  private static List<GroupInfo> groups(Settings in, Topology topology) {
    ConfigValue value = in.raw("groups");
    if (value.valueType() != ConfigValueType.LIST || ((ConfigList) value).isEmpty()) {
      in.problem("groups", "expected a list of group names such as [clients, servers], found " + Settings.describe(value));
      return null;
    }
    List<GroupInfo> named = new ArrayList<>();
    for (ConfigValue item : (ConfigList) value) {
      GroupInfo group = group(in, "groups", String.valueOf(item.unwrapped()), topology);
      if (group == null) {
        return null;
      }
      if (named.contains(group)) {
        in.problem("groups", "names group '" + group.name() + "' twice");
        return null;
      }
      named.add(group);
    }
    return named;
  }

  /** The group called {@code name}, or null with a problem at {@code key}. */
  static GroupInfo group(Settings in, String key, String name, Topology topology) {
    GroupInfo group = name == null ? null : topology.group(name);
    if (group == null && name != null) {
      List<String> names = topology.groups().stream().map(GroupInfo::name).toList();
      in.problem(key, "there is no group '" + name + "'" + Names.hint(name, names) + " (groups: " + String.join(", ", names) + ")");
    }
    return group;
  }
}
