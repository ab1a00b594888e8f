package org.topolab.roles.sampling;

import java.util.SplittableRandom;

/** Where a node finds the peers it contacts: the whole group, or a partial view of it. */
public interface PeerSampler {

  /**
   * Writes up to {@code count} distinct peers, never the node itself, into {@code out} (which
   * holds at least {@code count}) and returns how many it wrote: fewer only if it knows fewer.
   */
  int select(SplittableRandom random, int count, int[] out);
}
