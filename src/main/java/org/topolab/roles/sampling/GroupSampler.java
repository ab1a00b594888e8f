package org.topolab.roles.sampling;

import java.util.SplittableRandom;
import org.topolab.node.GroupInfo;

/**
 * Peers drawn uniformly at random from a whole group, by id. It keeps nothing but the group's id
 * range, so a million nodes cost a million of these small objects and no lists of members.
 */
public final class GroupSampler implements PeerSampler {

  private final int self;
  private final int first;
  private final int count;
  // Whether the node itself is in the range, and so skipped.
  private final boolean member;

  /** Peers of node {@code self} drawn from {@code group}, which may or may not hold it. */
  public GroupSampler(int self, GroupInfo group) {
    this.self = self;
    this.first = group.first();
    this.count = group.count();
    this.member = group.contains(self);
  }

  @Override
  public int select(SplittableRandom random, int count, int[] out) {
    int chosen = Math.min(count, this.count - (member ? 1 : 0));
    for (int i = 0; i < chosen; i++) {
      int peer;
      do {
        peer = draw(random);
      } while (contains(out, i, peer));
      out[i] = peer;
    }
    return chosen;
  }

  /** One member other than the node itself, uniformly. */
  private int draw(SplittableRandom random) {
    if (!member) {
      return first + random.nextInt(count);
    }
    int id = first + random.nextInt(count - 1);
    return id >= self ? id + 1 : id;
  }

  private static boolean contains(int[] ids, int length, int id) {
    for (int i = 0; i < length; i++) {
      if (ids[i] == id) {
        return true;
      }
    }
    return false;
  }
}
