package org.topolab.roles.discovery.unstructured;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.topolab.node.GroupInfo;
import org.topolab.node.Seeds;

/**
 * An unstructured overlay: a random graph in which every node has {@code degree} neighbours (or
 * nearly: see below), drawn from the run's seed alone, so that every node computes the same graph
 * without asking anyone. It is the union of degree / 2 random Hamilton cycles (each node linked to
 * the nodes before and after it in a random order), and for an odd degree one random perfect
 * matching more; an edge drawn twice is kept once, which leaves a few nodes (about degree^2 / 2 on
 * average, whatever the size) a neighbour short. Such unions of cycles are a standard model of
 * random regular graphs: few short cycles, so a flood spreads as on a tree until it has reached a
 * good part of the graph. Nodes are indexes 0 to count - 1.
 */
final class Overlay {

  /** The {@link Seeds} stream the overlay is drawn from. */
  static final int OVERLAY_STREAM = 12;

  // The neighbours of node n are links[first[n] .. first[n + 1] - 1], in increasing order.
  private final int[] first;
  private final int[] links;

  private Overlay(int[] first, int[] links) {
    this.first = first;
    this.links = links;
  }

  /** The overlay of {@code count} nodes of degree {@code degree} (0 to count - 1), for {@code seed}. */
  static Overlay random(long seed, int count, int degree) {
    if (degree < 0 || degree > count - 1) {
      throw new IllegalArgumentException("a degree of " + degree + " does not fit " + count + " nodes");
    }
    SplittableRandom random = Seeds.forNode(seed, 0, OVERLAY_STREAM);
    int[][] adjacent = new int[count][degree];
    int[] sizes = new int[count];
    int[] order = new int[count];
    for (int cycle = 0; cycle < degree / 2; cycle++) {
      shuffle(order, random);
      for (int i = 0; i < count; i++) {
        link(adjacent, sizes, order[i], order[(i + 1) % count]);
      }
    }
    if (degree % 2 == 1) {
      shuffle(order, random);
      for (int i = 0; i + 1 < count; i += 2) {
        link(adjacent, sizes, order[i], order[i + 1]);
      }
    }
    int[] first = new int[count + 1];
    for (int n = 0; n < count; n++) {
      first[n + 1] = first[n] + sizes[n];
    }
    int[] links = new int[first[count]];
    for (int n = 0; n < count; n++) {
      int[] sorted = Arrays.copyOf(adjacent[n], sizes[n]);
      Arrays.sort(sorted);
      System.arraycopy(sorted, 0, links, first[n], sorted.length);
    }
    return new Overlay(first, links);
  }

  private static void shuffle(int[] order, SplittableRandom random) {
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
  }

  /** Links {@code a} and {@code b}, unless they are one node or linked already. */
  private static void link(int[][] adjacent, int[] sizes, int a, int b) {
    if (a == b) {
      return;
    }
    for (int i = 0; i < sizes[a]; i++) {
      if (adjacent[a][i] == b) {
        return;
      }
    }
    adjacent[a][sizes[a]++] = b;
    adjacent[b][sizes[b]++] = a;
  }

  /** The number of nodes. */
  int count() {
    return first.length - 1;
  }

  /** The neighbours of node {@code node}, in increasing order (a copy). */
  int[] neighbours(int node) {
    return Arrays.copyOfRange(links, first[node], first[node + 1]);
  }

  /** The neighbours of the group's node {@code node} (an index in the group), as node ids. */
  int[] neighbourIds(GroupInfo group, int node) {
    int[] ids = neighbours(node);
    for (int i = 0; i < ids.length; i++) {
      ids[i] = group.id(ids[i]);
    }
    return ids;
  }
}
