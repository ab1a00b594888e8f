package org.topolab.roles.discovery.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.topolab.network.LinkSpec;
import org.topolab.node.GroupInfo;

/** The k-buckets: where contacts go, least-recently-seen order and eviction, and the nearest contacts to a target. */
class RoutingTableTest {

  // Nodes 5 to 504 of a run: the group starts at node 5.
  private static final GroupInfo GROUP = new GroupInfo("peers", "kademlia", 5, 500, LinkSpec.UNLIMITED);
  private static final KeySpace SPACE = new KeySpace(11, GROUP, 10, 160);
  private static final int SELF = 5;

  /** The first {@code count} nodes of the group, other than the table's owner, in bucket {@code p}. */
  private static List<Integer> inBucket(int p, int count) {
    List<Integer> nodes = new ArrayList<>();
    for (int node = SELF + 1; node < GROUP.first() + GROUP.count() && nodes.size() < count; node++) {
      if (SPACE.commonPrefix(SPACE.node(SELF), SPACE.node(node)) == p) {
        nodes.add(node);
      }
    }
    assertThat(nodes).hasSize(count);
    return nodes;
  }

  private static int[] ints(List<Integer> nodes) {
    return nodes.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void aContactGoesToTheBucketOfTheBitsItSharesAndMovesToTheEndWhenSeenAgain() {
    RoutingTable table = new RoutingTable(SPACE, SELF, 3);
    List<Integer> far = inBucket(0, 3);
    List<Integer> near = inBucket(2, 1);
    for (int node : far) {
      assertThat(table.seen(node)).isEqualTo(RoutingTable.NONE);
    }
    table.seen(near.get(0));
    assertThat(table.bucket(0)).containsExactly(ints(far));
    assertThat(table.bucket(2)).containsExactly(near.get(0));
    assertThat(table.bucket(1)).isEmpty();
    table.seen(far.get(0));
    assertThat(table.bucket(0)).containsExactly(far.get(1), far.get(2), far.get(0));
    assertThat(table.size()).isEqualTo(4);
    assertThat(table.depth()).isEqualTo(3);
    // The node itself is never a contact.
    assertThat(table.seen(SELF)).isEqualTo(RoutingTable.NONE);
    assertThat(table.size()).isEqualTo(4);
  }

  @Test
  void aFullBucketPingsItsOldestAndKeepsItIfItAnswers() {
    RoutingTable table = new RoutingTable(SPACE, SELF, 2);
    List<Integer> nodes = inBucket(1, 4);
    table.seen(nodes.get(0));
    table.seen(nodes.get(1));
    assertThat(table.seen(nodes.get(2))).isEqualTo(nodes.get(0));
    // While the ping is out, a later newcomer waits in the first one's place; no second ping.
    assertThat(table.seen(nodes.get(3))).isEqualTo(RoutingTable.NONE);
    // The oldest answers: its answer is a message like any other, then the ping is settled.
    table.seen(nodes.get(0));
    table.answered(nodes.get(0));
    assertThat(table.bucket(1)).containsExactly(nodes.get(1), nodes.get(0));
    // The bucket is full again: the next newcomer pings the oldest, now the second node.
    assertThat(table.seen(nodes.get(2))).isEqualTo(nodes.get(1));
  }

  @Test
  void anOldestContactThatDoesNotAnswerMakesWayForTheLatestNewcomer() {
    RoutingTable table = new RoutingTable(SPACE, SELF, 2);
    List<Integer> nodes = inBucket(0, 4);
    table.seen(nodes.get(0));
    table.seen(nodes.get(1));
    assertThat(table.seen(nodes.get(2))).isEqualTo(nodes.get(0));
    table.seen(nodes.get(3));
    table.unresponsive(nodes.get(0));
    assertThat(table.bucket(0)).containsExactly(nodes.get(1), nodes.get(3));
    assertThat(table.contains(nodes.get(0))).isFalse();
    assertThat(table.size()).isEqualTo(2);
    // With nobody waiting, a ping that goes unanswered changes nothing.
    table.unresponsive(nodes.get(1));
    assertThat(table.bucket(0)).containsExactly(nodes.get(1), nodes.get(3));
  }

  @Test
  void theNearestContactsToATargetAreThoseABruteForceSortFinds() {
    SplittableRandom random = new SplittableRandom(4);
    for (int trial = 0; trial < 200; trial++) {
      int k = 1 + random.nextInt(8);
      RoutingTable table = new RoutingTable(SPACE, SELF, k);
      for (int i = 0; i < 300; i++) {
        int node = GROUP.first() + random.nextInt(GROUP.count());
        int ping = table.seen(node);
        if (ping != RoutingTable.NONE && random.nextBoolean()) {
          table.unresponsive(ping);
        }
      }
      List<Integer> all = new ArrayList<>();
      for (int p = 0; p < table.depth(); p++) {
        for (int node : table.bucket(p)) {
          all.add(node);
        }
      }
      assertThat(all).hasSize(table.size());
      // A target anywhere, or the owner's own id (the join's lookup), or a node's id.
      long[] target =
          switch (trial % 3) {
            case 0 -> SPACE.inBucket(SPACE.node(SELF), random.nextInt(12), random);
            case 1 -> SPACE.node(SELF);
            default -> SPACE.node(GROUP.first() + random.nextInt(GROUP.count()));
          };
      all.sort(Comparator.comparing(node -> SPACE.node(node), (a, b) -> SPACE.compare(a, b, target)));
      int count = 1 + random.nextInt(25);
      int[] out = new int[count];
      int found = table.closest(target, count, out);
      assertThat(found).isEqualTo(Math.min(count, all.size()));
      assertThat(Arrays.copyOf(out, found)).as("trial %d", trial).containsExactly(ints(all.subList(0, found)));
    }
  }
}
