package org.topolab.roles.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.Arrival;
import org.topolab.testkit.NodeProbe;
import org.topolab.testkit.NodeTestKit;

/** The tracker (node 0) in virtual time, with one probe standing in for the peers (nodes 1 to 6). */
class TrackerTest {

  private static final int TRACKER = 0;

  private NodeTestKit kit;
  private NodeProbe peers;

  @BeforeEach
  void setUp() {
    kit = NodeTestKit.builder().group("tracker", 1).group("peers", "peer", 6, null, null, null).build();
    peers = kit.probe(1, 2, 3, 4, 5, 6);
  }

  @AfterEach
  void tearDown() {
    kit.close();
  }

  /** Peer {@code peer} joins the swarm of {@code file}; the answer goes to it, and to no one else. */
  private int[] join(int peer, String file, int wanted) {
    kit.send(peer, TRACKER, new Wire.Join(peer, file, wanted));
    Arrival<Wire.Members> members = peers.expectArrival(Wire.Members.class);
    assertThat(members.to()).isEqualTo(peer);
    assertThat(members.message().from()).isEqualTo(TRACKER);
    assertThat(members.message().file()).isEqualTo(file);
    return members.message().peers();
  }

  @Test
  void handsOutOtherMembersAndKeepsTheListCurrent() {
    kit.spawn(TRACKER, node -> Tracker.create(node, 50));
    assertThat(join(1, "a", 10)).isEmpty();
    assertThat(join(2, "a", 10)).containsExactly(1);
    assertThat(join(3, "a", 10)).containsExactlyInAnyOrder(1, 2);
    // A subset when fewer are wanted: distinct members, never the joiner.
    int[] two = join(4, "a", 2);
    assertThat(two).hasSize(2).doesNotHaveDuplicates().containsAnyOf(1, 2, 3).doesNotContain(4, 5, 6);
    // A leave is not answered; it strikes the peer off.
    kit.send(2, TRACKER, new Wire.Leave(2, "a"));
    peers.expectNoMessage(Duration.ofSeconds(10));
    assertThat(join(5, "a", 10)).containsExactlyInAnyOrder(1, 3, 4);
    // Swarms are per file.
    assertThat(join(6, "b", 10)).isEmpty();
  }

  @Test
  void handsOutNoMoreThanItsLimit() {
    kit.spawn(TRACKER, node -> Tracker.create(node, 3));
    for (int id = 1; id <= 5; id++) {
      join(id, "a", 10);
    }
    assertThat(join(6, "a", 10)).hasSize(3).doesNotHaveDuplicates().doesNotContain(6);
  }

  @Test
  void handsOutTheMembersHandedOutLeastSoThatLateJoinersGetNeighboursToo() {
    kit.spawn(TRACKER, node -> Tracker.create(node, 50));
    // Each joiner asks for two. Peer 1 has been handed out once when 3 joins, 2 never: 3 gets both;
    // then each joiner gets the two most recent, whatever the random draws.
    assertThat(join(1, "a", 2)).isEmpty();
    assertThat(join(2, "a", 2)).containsExactly(1);
    assertThat(join(3, "a", 2)).containsExactly(2, 1);
    assertThat(join(4, "a", 2)).containsExactly(3, 2);
    assertThat(join(5, "a", 2)).containsExactly(4, 3);
    assertThat(join(6, "a", 2)).containsExactly(5, 4);
    // Peer 2 asks again: not handed itself, and the least handed out (6 never, 5 once) first.
    assertThat(join(2, "a", 2)).containsExactly(6, 5);
  }
}
