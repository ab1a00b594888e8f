package org.topolab.roles.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.topolab.testing.ProbeNetwork;

/** The tracker (node 0) with probes as peers (nodes 1 to 6). */
class TrackerTest {

  private ActorTestKit kit;
  private ProbeNetwork net;
  private final TestProbe<Object>[] peers = newProbes();

  @SuppressWarnings("unchecked")
  private static TestProbe<Object>[] newProbes() {
    return new TestProbe[7];
  }

  @BeforeEach
  void setUp() {
    kit = ActorTestKit.create();
    net = ProbeNetwork.of(kit, "tracker:tracker:1", "peers:peer:6");
    for (int id = 1; id <= 6; id++) {
      peers[id] = net.probe(id, Object.class);
    }
  }

  @AfterEach
  void tearDown() {
    net.close();
    kit.shutdownTestKit();
  }

  private int[] join(int peer, String file, int wanted) {
    net.send(peer, 0, new Wire.Join(peer, file, wanted));
    Wire.Members members = peers[peer].expectMessageClass(Wire.Members.class);
    assertThat(members.file()).isEqualTo(file);
    return members.peers();
  }

  @Test
  void handsOutOtherMembersAndKeepsTheListCurrent() {
    net.spawn(0, Tracker.create(net.context(0), 50));
    assertThat(join(1, "a", 10)).isEmpty();
    assertThat(join(2, "a", 10)).containsExactly(1);
    assertThat(join(3, "a", 10)).containsExactlyInAnyOrder(1, 2);
    // A subset when fewer are wanted: distinct members, never the joiner.
    int[] two = join(4, "a", 2);
    assertThat(two).hasSize(2).doesNotHaveDuplicates().containsAnyOf(1, 2, 3).doesNotContain(4, 5, 6);
    net.send(2, 0, new Wire.Leave(2, "a"));
    assertThat(join(5, "a", 10)).containsExactlyInAnyOrder(1, 3, 4);
    // Swarms are per file.
    assertThat(join(6, "b", 10)).isEmpty();
  }

  @Test
  void handsOutNoMoreThanItsLimit() {
    net.spawn(0, Tracker.create(net.context(0), 3));
    for (int id = 1; id <= 5; id++) {
      join(id, "a", 10);
    }
    assertThat(join(6, "a", 10)).hasSize(3).doesNotHaveDuplicates().doesNotContain(6);
  }
}
