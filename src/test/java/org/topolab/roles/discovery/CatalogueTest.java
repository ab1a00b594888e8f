package org.topolab.roles.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Items are placed on distinct nodes, from the seed and the item alone, and each node knows its own. */
class CatalogueTest {

  @Test
  void eachItemLivesOnDistinctNodesAndEachNodeListsExactlyTheItemsItHolds() {
    Catalogue catalogue = new Catalogue(5, 50, 400, 7);
    int[] perNode = new int[50];
    for (int item = 0; item < 400; item++) {
      Set<Integer> holders = new HashSet<>();
      for (int r = 0; r < 7; r++) {
        int holder = catalogue.holder(item, r);
        assertThat(holder).isBetween(0, 49);
        assertThat(catalogue.holds(holder, item)).isTrue();
        holders.add(holder);
        perNode[holder]++;
      }
      assertThat(holders).as("item %d", item).hasSize(7);
    }
    int total = 0;
    for (int node = 0; node < 50; node++) {
      assertThat(catalogue.heldCount(node)).isEqualTo(perNode[node]);
      int previous = -1;
      for (int i = 0; i < catalogue.heldCount(node); i++) {
        int item = catalogue.heldItem(node, i);
        assertThat(item).isGreaterThan(previous);
        assertThat(catalogue.holds(node, item)).isTrue();
        previous = item;
      }
      total += catalogue.heldCount(node);
    }
    assertThat(total).isEqualTo(400 * 7);
  }

  @Test
  void placementIsFairAcrossNodes() {
    // 20,000 placements on 100 nodes: 200 each on average, binomial with a standard deviation of
    // about 14, so every node's count lies within 200 +- 70 (5 deviations).
    Catalogue catalogue = new Catalogue(9, 100, 10_000, 2);
    for (int node = 0; node < 100; node++) {
      assertThat(catalogue.heldCount(node)).isBetween(130, 270);
    }
  }

  @Test
  void theSameSeedGivesTheSamePlacementWhateverTheCatalogueSizeAndAnotherSeedAnother() {
    Catalogue small = new Catalogue(3, 1000, 10, 3);
    Catalogue large = new Catalogue(3, 1000, 5000, 3);
    Catalogue other = new Catalogue(4, 1000, 10, 3);
    int differences = 0;
    for (int item = 0; item < 10; item++) {
      for (int r = 0; r < 3; r++) {
        assertThat(large.holder(item, r)).isEqualTo(small.holder(item, r));
        if (other.holder(item, r) != small.holder(item, r)) {
          differences++;
        }
      }
    }
    assertThat(differences).isGreaterThan(20);
  }

  @Test
  void everyNodeCanHoldAnItem() {
    Catalogue catalogue = new Catalogue(1, 4, 3, 4);
    for (int item = 0; item < 3; item++) {
      for (int node = 0; node < 4; node++) {
        assertThat(catalogue.holds(node, item)).isTrue();
      }
    }
  }
}
