package org.topolab.roles.discovery;

import java.util.SplittableRandom;
import org.topolab.node.Seeds;

/**
 * Where the items of a catalogue live: each item on {@code replicas} distinct nodes of a group,
 * drawn from the run's seed and the item's number alone (Floyd's sampling from the item's own
 * random stream). Every node, in any partition or on any machine, computes the same placement
 * without asking anyone; it is computed once per group and then only read. Nodes are given by
 * their index in the group (0 to count - 1).
 */
public final class Catalogue {

  /** The {@link Seeds} stream that item i's holders are drawn from, as node i's streams are numbered. */
  static final int PLACEMENT_STREAM = 11;

  private final int items;
  private final int replicas;
  // holders[item * replicas + r]: the r-th holder of the item, in the order drawn.
  private final int[] holders;
  // The items of node n are held[first[n] .. first[n + 1] - 1], in increasing order.
  private final int[] first;
  private final int[] held;

  /** The placement of {@code items} items on {@code replicas} of {@code nodes} nodes each, for {@code seed}. */
  public Catalogue(long seed, int nodes, int items, int replicas) {
    if (replicas < 1 || replicas > nodes) {
      throw new IllegalArgumentException(replicas + " replicas do not fit on " + nodes + " nodes");
    }
    this.items = items;
    this.replicas = replicas;
    this.holders = new int[Math.multiplyExact(items, replicas)];
    boolean[] chosen = new boolean[nodes];
    int[] counts = new int[nodes];
    for (int item = 0; item < items; item++) {
      SplittableRandom random = Seeds.forNode(seed, item, PLACEMENT_STREAM);
      int base = item * replicas;
      int next = base;
      // Floyd: for j from nodes - replicas to nodes - 1, take a draw from [0, j], or j if it is taken.
      for (int j = nodes - replicas; j < nodes; j++) {
        int pick = random.nextInt(j + 1);
        if (chosen[pick]) {
          pick = j;
        }
        chosen[pick] = true;
        holders[next++] = pick;
        counts[pick]++;
      }
      for (int i = base; i < next; i++) {
        chosen[holders[i]] = false;
      }
    }
    this.first = new int[nodes + 1];
    for (int n = 0; n < nodes; n++) {
      first[n + 1] = first[n] + counts[n];
    }
    this.held = new int[holders.length];
    int[] fill = new int[nodes];
    for (int item = 0; item < items; item++) {
      for (int r = 0; r < replicas; r++) {
        int node = holders[item * replicas + r];
        held[first[node] + fill[node]++] = item;
      }
    }
  }

  /** The number of items. */
  public int items() {
    return items;
  }

  /** The number of nodes that hold each item. */
  public int replicas() {
    return replicas;
  }

  /** The {@code r}-th holder (0 to replicas - 1) of {@code item}, as an index in the group. */
  public int holder(int item, int r) {
    return holders[item * replicas + r];
  }

  /** Whether node {@code node} (an index in the group) holds {@code item}. */
  public boolean holds(int node, int item) {
    for (int r = 0; r < replicas; r++) {
      if (holders[item * replicas + r] == node) {
        return true;
      }
    }
    return false;
  }

  /** The number of items node {@code node} holds. */
  public int heldCount(int node) {
    return first[node + 1] - first[node];
  }

  /** The {@code i}-th item (0 to heldCount - 1, in increasing order) that node {@code node} holds. */
  public int heldItem(int node, int i) {
    return held[first[node] + i];
  }
}
