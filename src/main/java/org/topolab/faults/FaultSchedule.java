package org.topolab.faults;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.topolab.network.LinkDegradation;
import org.topolab.network.NetworkFaults;
import org.topolab.node.GroupInfo;

/**
 * Every fault of one run, worked out from the scenario and its seed before the run starts: the
 * same in every partition and on every member. The engine takes the {@link #nodeActions} that
 * concern its nodes; the network asks it, at send time, what partitions and degradations do.
 */
public final class FaultSchedule implements NetworkFaults {

  /** A run without faults. */
  public static final FaultSchedule NONE = of(List.of());

  private final List<Fault> faults;
  private final List<NodeAction> actions;
  private final List<Fault> partitions = new ArrayList<>();
  private final Map<Integer, List<Fault>> degradations = new HashMap<>();
  private final Set<Integer> bandwidthChanges = new HashSet<>();
  private final Set<Integer> paused = new HashSet<>();
  private final FaultTimes times;

  private FaultSchedule(List<Fault> faults, List<NodeAction> actions) {
    this.faults = faults;
    this.actions = actions;
    for (Fault fault : faults) {
      switch (fault.kind()) {
        case PARTITION -> partitions.add(fault);
        case DEGRADE -> {
          for (int node : fault.nodes()) {
            degradations.computeIfAbsent(node, id -> new ArrayList<>()).add(fault);
            if (!Double.isNaN(fault.degradation().bitsPerSecond())) {
              bandwidthChanges.add(node);
            }
          }
        }
        case PAUSE -> {
          for (int node : fault.nodes()) {
            paused.add(node);
          }
        }
        default -> {}
      }
    }
    this.times = FaultTimes.of(faults);
  }

  /**
   * The schedule of {@code planned} faults, as read: a crash that lasts restarts its nodes at its
   * end; a crash without an end lasts until the next restart of all its nodes; a partition without
   * an end lasts until the next heal.
   */
  public static FaultSchedule of(List<Fault> planned) {
    List<Fault> sorted = new ArrayList<>(planned);
    sorted.sort(Comparator.comparingLong(Fault::startNanos)); // stable: the scenario's order within an instant
    List<NodeAction> actions = new ArrayList<>();
    for (Fault fault : sorted) {
      for (int node : fault.nodes()) {
        switch (fault.kind()) {
          case CRASH -> {
            actions.add(new NodeAction(fault.startNanos(), node, NodeAction.Action.CRASH));
            if (fault.endNanos() != Fault.NEVER) {
              actions.add(new NodeAction(fault.endNanos(), node, NodeAction.Action.RESTART));
            }
          }
          case RESTART -> actions.add(new NodeAction(fault.startNanos(), node, NodeAction.Action.RESTART));
          case PAUSE -> {
            actions.add(new NodeAction(fault.startNanos(), node, NodeAction.Action.PAUSE));
            if (fault.endNanos() != Fault.NEVER) {
              actions.add(new NodeAction(fault.endNanos(), node, NodeAction.Action.RESUME));
            }
          }
          default -> {}
        }
      }
    }
    actions.sort(Comparator.comparingLong(NodeAction::timeNanos)); // stable, as generated
    Map<Integer, List<Long>> restarts = new HashMap<>();
    for (NodeAction action : actions) {
      if (action.action() == NodeAction.Action.RESTART) {
        restarts.computeIfAbsent(action.node(), id -> new ArrayList<>()).add(action.timeNanos());
      }
    }
    List<Fault> resolved = new ArrayList<>();
    for (Fault fault : sorted) {
      resolved.add(fault.endNanos() != Fault.NEVER ? fault : fault.endingAt(endOf(fault, sorted, restarts)));
    }
    return new FaultSchedule(List.copyOf(resolved), List.copyOf(actions));
  }

  /** When a fault without an end of its own ends: a crash at its nodes' restarts, a partition at the next heal. */
  private static long endOf(Fault fault, List<Fault> faults, Map<Integer, List<Long>> restarts) {
    if (fault.kind() == FaultKind.PARTITION) {
      return faults.stream()
          .filter(heal -> heal.kind() == FaultKind.HEAL && heal.startNanos() > fault.startNanos())
          .mapToLong(Fault::startNanos)
          .min()
          .orElse(Fault.NEVER);
    }
    if (fault.kind() != FaultKind.CRASH) {
      return fault.endNanos();
    }
    long end = fault.startNanos();
    for (int node : fault.nodes()) {
      long restart = restarts.getOrDefault(node, List.of()).stream()
          .mapToLong(Long::longValue)
          .filter(time -> time >= fault.startNanos())
          .min()
          .orElse(Fault.NEVER);
      end = Math.max(end, restart);
    }
    return end;
  }

  /** The faults in the order they start, each with its end. */
  public List<Fault> faults() {
    return faults;
  }

  /** What happens to nodes, in the order it happens; actions of one instant keep the scenario's order. */
  public List<NodeAction> nodeActions() {
    return actions;
  }

  /** When any fault is in force. */
  public FaultTimes times() {
    return times;
  }

  /** Whether node {@code id} is ever paused: only such nodes need to hold their messages. */
  public boolean pauses(int id) {
    return paused.contains(id);
  }

  /** Whether the run has no faults at all. */
  public boolean isEmpty() {
    return faults.isEmpty();
  }

  @Override
  public boolean any() {
    return !partitions.isEmpty() || !degradations.isEmpty();
  }

  @Override
  public boolean cut(int from, int to, long now) {
    for (Fault partition : partitions) {
      if (partition.activeAt(now) && from != to && apart(partition, from, to)) {
        return true;
      }
    }
    return false;
  }

  private static boolean apart(Fault partition, int from, int to) {
    if (partition.sides().isEmpty()) {
      // Isolated nodes: each is cut off from every other node.
      return partition.aimsAt(from) || partition.aimsAt(to);
    }
    int sideOfFrom = side(partition.sides(), from);
    int sideOfTo = side(partition.sides(), to);
    return sideOfFrom >= 0 && sideOfTo >= 0 && sideOfFrom != sideOfTo;
  }

  private static int side(List<GroupInfo> sides, int id) {
    for (int i = 0; i < sides.size(); i++) {
      if (sides.get(i).contains(id)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public LinkDegradation degradation(int id, long now) {
    List<Fault> list = degradations.get(id);
    if (list == null) {
      return null;
    }
    LinkDegradation result = null;
    for (Fault fault : list) {
      if (fault.activeAt(now)) {
        result = result == null ? fault.degradation() : result.and(fault.degradation());
      }
    }
    return result;
  }

  @Override
  public boolean changesBandwidth(int id) {
    return bandwidthChanges.contains(id);
  }
}
