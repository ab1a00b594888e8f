package org.topolab.roles.discovery.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.topolab.network.LinkSpec;
import org.topolab.node.GroupInfo;

/** The iterative lookup's steps: alpha at a time, nearest first, depths and hops, timeouts, and when it ends. */
class LookupTest {

  private static final GroupInfo GROUP = new GroupInfo("peers", "kademlia", 0, 300, LinkSpec.UNLIMITED);
  private static final KeySpace SPACE = new KeySpace(21, GROUP, 10, 160);
  private static final int SELF = 0;
  private static final long[] TARGET = SPACE.item(3);

  /** Every node but the initiator, nearest to the target first. */
  private static final List<Integer> BY_DISTANCE = byDistance();

  private static List<Integer> byDistance() {
    List<Integer> nodes = new ArrayList<>();
    for (int node = 1; node < GROUP.count(); node++) {
      nodes.add(node);
    }
    nodes.sort(Comparator.comparing(node -> SPACE.node(node), (a, b) -> SPACE.compare(a, b, TARGET)));
    return nodes;
  }

  /** The node of rank {@code rank} (0 the nearest) in distance to the target. */
  private static int rank(int rank) {
    return BY_DISTANCE.get(rank);
  }

  private static Lookup lookup(int k, int alpha) {
    return new Lookup(SPACE, SELF, Lookup.Purpose.FIND_VALUE, TARGET, 3, k, alpha, 0);
  }

  @Test
  void itAsksAlphaAtATimeNearestFirstAndEachAnswerBringsNearerCandidates() {
    Lookup lookup = lookup(4, 2);
    for (int r : new int[] {40, 10, 30, 20, 50}) {
      lookup.offer(rank(r), 0);
    }
    lookup.offer(SELF, 0); // the initiator is never a candidate
    assertThat(lookup.candidates()).isEqualTo(5);
    assertThat(lookup.next(1, 0)).isEqualTo(rank(10));
    assertThat(lookup.next(2, 0)).isEqualTo(rank(20));
    assertThat(lookup.next(3, 0)).isEqualTo(-1); // two out already
    lookup.answered(rank(10), new int[] {rank(5), rank(2), rank(20)});
    // The nearest not yet asked is now the one of rank 2, one hop deeper.
    assertThat(lookup.next(3, 0)).isEqualTo(rank(2));
    assertThat(lookup.done()).isFalse();
    lookup.found(rank(2));
    assertThat(lookup.found()).isTrue();
    assertThat(lookup.hops()).isEqualTo(2);
    assertThat(lookup.done()).isTrue();
    assertThat(lookup.next(4, 0)).isEqualTo(-1);
  }

  @Test
  void aFindNodeLookupEndsWhenTheKNearestThatDidNotFailHaveAllAnswered() {
    Lookup lookup = lookup(3, 3);
    for (int r : new int[] {1, 4, 6, 9}) {
      lookup.offer(rank(r), 0);
    }
    assertThat(lookup.next(1, 0)).isEqualTo(rank(1));
    assertThat(lookup.next(2, 0)).isEqualTo(rank(4));
    assertThat(lookup.next(3, 0)).isEqualTo(rank(6));
    lookup.answered(rank(1), new int[] {rank(0)});
    lookup.answered(rank(4), new int[0]);
    // Rank 0 is new and among the 3 nearest: the lookup is not done until it too has answered.
    assertThat(lookup.done()).isFalse();
    assertThat(lookup.next(4, 0)).isEqualTo(rank(0));
    lookup.answered(rank(0), new int[] {rank(1)});
    // The 3 nearest (ranks 0, 1, 4) have answered; rank 6 is still out but no longer matters.
    assertThat(lookup.done()).isTrue();
    assertThat(lookup.nearest()).containsExactly(rank(0), rank(1), rank(4));
    assertThat(lookup.found()).isFalse();
    assertThat(lookup.oldestAsked()).isZero();
  }

  @Test
  void aQueryUnansweredForATimeoutFailsAndTheNextCandidateIsAsked() {
    Lookup lookup = lookup(2, 1);
    for (int r : new int[] {3, 5, 8}) {
      lookup.offer(rank(r), 0);
    }
    assertThat(lookup.next(10, 100)).isEqualTo(rank(3));
    int[] expired = new int[lookup.candidates()];
    assertThat(lookup.expire(99, expired)).isZero(); // asked at 100: not yet
    assertThat(lookup.oldestAsked()).isEqualTo(100);
    assertThat(lookup.expire(100, expired)).isEqualTo(1);
    assertThat(expired[0]).isEqualTo(10);
    assertThat(lookup.oldestAsked()).isEqualTo(Long.MAX_VALUE);
    // Rank 3 failed: the two nearest that did not fail are now ranks 5 and 8.
    assertThat(lookup.next(11, 200)).isEqualTo(rank(5));
    lookup.answered(rank(5), new int[0]);
    assertThat(lookup.next(12, 300)).isEqualTo(rank(8));
    // A late answer from the failed node changes nothing.
    lookup.answered(rank(3), new int[] {rank(0)});
    lookup.answered(rank(8), new int[0]);
    assertThat(lookup.done()).isTrue();
    assertThat(lookup.nearest()).containsExactly(rank(5), rank(8));
  }

  @Test
  void aCandidateNamedAgainKeepsItsLeastDepthAndTheFarthestNeverAskedAreDropped() {
    Lookup lookup = lookup(2, 1);
    lookup.offer(rank(7), 0);
    assertThat(lookup.next(1, 0)).isEqualTo(rank(7));
    lookup.answered(rank(7), new int[] {rank(4)}); // rank 4 at depth 1
    assertThat(lookup.next(2, 0)).isEqualTo(rank(4));
    lookup.answered(rank(4), new int[] {rank(2)}); // rank 2 at depth 2
    lookup.offer(rank(2), 0); // also in the initiator's table: depth 0
    assertThat(lookup.next(3, 0)).isEqualTo(rank(2));
    lookup.found(rank(2));
    assertThat(lookup.hops()).isEqualTo(1);
    // 3 x k candidates at most: the farthest never asked go first.
    Lookup crowded = lookup(2, 1);
    for (int r = 0; r < 10; r++) {
      crowded.offer(rank(r), 0);
    }
    assertThat(crowded.candidates()).isEqualTo(6);
  }

  @Test
  void anEndedLookupTakesNoMoreCandidatesFromAnswersStillOnTheirWay() {
    Lookup lookup = lookup(2, 2);
    lookup.offer(rank(10), 0);
    lookup.offer(rank(12), 0);
    lookup.next(1, 0);
    lookup.next(2, 0);
    lookup.found(rank(10));
    lookup.close();
    lookup.answered(rank(12), new int[] {rank(0), rank(1)});
    assertThat(lookup.candidates()).isEqualTo(2);
    assertThat(lookup.oldestAsked()).isEqualTo(Long.MAX_VALUE);
    assertThat(lookup.hops()).isEqualTo(1);
  }
}
