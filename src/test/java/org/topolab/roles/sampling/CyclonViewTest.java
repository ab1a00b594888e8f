package org.topolab.roles.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.topolab.network.LinkSpec;
import org.topolab.node.GroupInfo;

/**
 * Cyclon's steps on one view, then a network of 10,000 views shuffled round after round: the
 * views stay full, hold neither their owner nor duplicates, and the in-degrees even out far below
 * the spread of the random graph they start as.
 */
class CyclonViewTest {

  private static final GroupInfo BIG = group(10_000);
  private final SplittableRandom random = new SplittableRandom(11);

  private static GroupInfo group(int count) {
    return new GroupInfo("peers", "gossip", 0, count, LinkSpec.UNLIMITED);
  }

  /** A view of node 0 holding {@code ids} with {@code ages}, put there as another node's offer would. */
  private CyclonView viewOf(int capacity, int[] ids, int[] ages) {
    CyclonView view = new CyclonView(0, capacity);
    view.answer(99, ids, ages, 0, random);
    return view;
  }

  private static int[] sorted(int[] ids) {
    int[] copy = ids.clone();
    Arrays.sort(copy);
    return copy;
  }

  @Test
  void theBootstrapDrawsDistinctOtherMembersOrTakesThemAll() {
    CyclonView view = new CyclonView(5, 20);
    view.bootstrap(BIG, random);
    assertThat(view.ids()).hasSize(20).doesNotHaveDuplicates().doesNotContain(5);
    assertThat(view.age(view.ids()[0])).isZero();

    CyclonView small = new CyclonView(5, 20);
    small.bootstrap(group(10), random);
    assertThat(sorted(small.ids())).containsExactly(0, 1, 2, 3, 4, 6, 7, 8, 9);
  }

  @Test
  void aShuffleAgesTheViewTakesTheOldestOutAndOffersItselfWithOthers() {
    CyclonView view = viewOf(3, new int[] {1, 2, 3}, new int[] {4, 7, 2});
    CyclonView.Offer offer = view.shuffle(2, random);
    assertThat(offer.peer()).isEqualTo(2);
    assertThat(offer.ids()).hasSize(2).startsWith(0).doesNotContain(2);
    int other = offer.ids()[1];
    assertThat(offer.ages()).containsExactly(0, view.age(other));
    assertThat(sorted(view.ids())).containsExactly(1, 3);
    assertThat(view.age(1)).isEqualTo(5);
    assertThat(view.age(3)).isEqualTo(3);
  }

  @Test
  void anAnswerLeavesTheAskerOutAndMakesRoomByReplacingWhatItSent() {
    CyclonView view = viewOf(3, new int[] {1, 2, 3}, new int[] {0, 0, 0});
    CyclonView.Offer answer = view.answer(1, new int[] {1, 4}, new int[] {0, 6}, 2, random);
    assertThat(answer.peer()).isEqualTo(1);
    assertThat(sorted(answer.ids())).containsExactly(2, 3);
    // 1 is held already; 4 takes the place of one of the entries sent back.
    assertThat(view.ids()).hasSize(3).contains(1, 4);
    assertThat(view.age(4)).isEqualTo(6);
    assertThat(Arrays.stream(view.ids()).filter(id -> id == 2 || id == 3).count()).isEqualTo(1);
  }

  @Test
  void anAnswerFillsTheAskedPeersSlotThenReplacesTheEntriesOffered() {
    CyclonView view = viewOf(3, new int[] {1, 2, 3}, new int[] {0, 5, 0});
    CyclonView.Offer offer = view.shuffle(2, random);
    int offered = offer.ids()[1];
    int kept = 1 + 3 - offered;
    view.accept(2, new int[] {7, 8}, new int[] {1, 2});
    assertThat(sorted(view.ids())).containsExactly(sorted(new int[] {kept, 7, 8}));
    assertThat(view.age(7)).isEqualTo(1);
    assertThat(view.age(8)).isEqualTo(2);
  }

  @Test
  void aPeerThatAnswersWithNothingNewGoesBackIntoItsSlotWithAgeZero() {
    CyclonView view = viewOf(3, new int[] {1, 2, 3}, new int[] {0, 5, 0});
    CyclonView.Offer offer = view.shuffle(2, random);
    view.accept(2, new int[] {0, offer.ids()[1]}, new int[] {0, 0});
    assertThat(sorted(view.ids())).containsExactly(1, 2, 3);
    assertThat(view.age(2)).isZero();
  }

  @Test
  void anAnswerToAnEarlierShuffleOnlyFillsFreeSlots() {
    CyclonView view = viewOf(3, new int[] {1, 2, 3}, new int[] {0, 5, 0});
    view.shuffle(2, random); // asks 2, which does not answer
    view.accept(3, new int[] {7, 8}, new int[] {0, 0});
    assertThat(view.ids()).hasSize(3).contains(1, 3, 7).doesNotContain(8);
  }

  @Test
  void selectGivesDistinctPeersOfTheView() {
    CyclonView view = viewOf(5, new int[] {1, 2, 3, 4, 5}, new int[] {0, 0, 0, 0, 0});
    int[] out = new int[7];
    assertThat(view.select(random, 3, out)).isEqualTo(3);
    assertThat(Arrays.copyOf(out, 3)).doesNotHaveDuplicates();
    assertThat(new int[] {1, 2, 3, 4, 5}).contains(Arrays.copyOf(out, 3));
    assertThat(view.select(random, 7, out)).isEqualTo(5);
    assertThat(sorted(Arrays.copyOf(out, 5))).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void shufflingKeepsViewsFullAndCleanAndEvensOutTheInDegrees() {
    int nodes = BIG.count();
    int size = 20;
    CyclonView[] views = new CyclonView[nodes];
    for (int i = 0; i < nodes; i++) {
      views[i] = new CyclonView(i, size);
      views[i].bootstrap(BIG, new SplittableRandom(i));
    }
    // The bootstrap is a random graph: in-degrees binomial, standard deviation about sqrt(20).
    double randomGraph = stddev(inDegrees(views));
    assertThat(randomGraph).isBetween(4.0, 5.0);
    for (int round = 0; round < 40; round++) {
      for (int i = 0; i < nodes; i++) {
        CyclonView.Offer offer = views[i].shuffle(5, random);
        CyclonView.Offer answer = views[offer.peer()].answer(i, offer.ids(), offer.ages(), 5, random);
        views[i].accept(offer.peer(), answer.ids(), answer.ages());
      }
    }
    for (int i = 0; i < nodes; i++) {
      assertThat(views[i].ids()).as("view of %d", i).hasSize(size).doesNotHaveDuplicates().doesNotContain(i);
    }
    // Cyclon's in-degrees settle near 1.3 here; a random graph's stay near 4.5.
    assertThat(stddev(inDegrees(views))).isLessThan(0.4 * randomGraph);
  }

  private static int[] inDegrees(CyclonView[] views) {
    int[] in = new int[views.length];
    for (CyclonView view : views) {
      for (int id : view.ids()) {
        in[id]++;
      }
    }
    return in;
  }

  private static double stddev(int[] values) {
    double mean = Arrays.stream(values).average().orElse(0);
    return Math.sqrt(Arrays.stream(values).mapToDouble(v -> (v - mean) * (v - mean)).average().orElse(0));
  }
}
