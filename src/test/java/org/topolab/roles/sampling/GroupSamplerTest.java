package org.topolab.roles.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.topolab.network.LinkSpec;
import org.topolab.node.GroupInfo;

/** Peers drawn from a whole group: uniform over the other members, distinct within a draw. */
class GroupSamplerTest {

  private static final GroupInfo GROUP = new GroupInfo("peers", "gossip", 10, 10, LinkSpec.UNLIMITED);
  private final SplittableRandom random = new SplittableRandom(3);

  @Test
  void drawsEveryOtherMemberEquallyOftenAndNeverItself() {
    GroupSampler sampler = new GroupSampler(14, GROUP);
    int[] counts = new int[20];
    int[] out = new int[1];
    int draws = 90_000;
    for (int i = 0; i < draws; i++) {
      assertThat(sampler.select(random, 1, out)).isOne();
      counts[out[0]]++;
    }
    assertThat(counts[14]).isZero();
    assertThat(Arrays.copyOf(counts, 10)).containsOnly(0);
    for (int id = 10; id < 20; id++) {
      if (id != 14) {
        // 10,000 expected each; the binomial's standard deviation is about 94.
        assertThat((double) counts[id]).as("draws of %d", id).isCloseTo(draws / 9.0, within(500.0));
      }
    }
  }

  @Test
  void aDrawOfSeveralHoldsDistinctPeersAndAtMostTheOthers() {
    GroupSampler sampler = new GroupSampler(10, GROUP);
    int[] out = new int[12];
    assertThat(sampler.select(random, 5, out)).isEqualTo(5);
    assertThat(Arrays.copyOf(out, 5)).doesNotHaveDuplicates();
    assertThat(new int[] {11, 12, 13, 14, 15, 16, 17, 18, 19}).contains(Arrays.copyOf(out, 5));
    assertThat(sampler.select(random, 12, out)).isEqualTo(9);
    assertThat(Arrays.copyOf(out, 9)).doesNotHaveDuplicates().doesNotContain(10);
  }

  @Test
  void aNodeOutsideTheGroupDrawsFromAllOfIt() {
    GroupSampler sampler = new GroupSampler(3, GROUP);
    int[] out = new int[10];
    assertThat(sampler.select(random, 10, out)).isEqualTo(10);
    assertThat(out).containsExactlyInAnyOrder(10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
  }
}
