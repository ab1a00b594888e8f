package org.topolab.roles.discovery.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.topolab.network.LinkSpec;
import org.topolab.node.GroupInfo;

/** Ids of id-bits bits, the XOR distance, common prefixes and random ids in a bucket's range, checked against BigInteger. */
class KeySpaceTest {

  private static final GroupInfo GROUP = new GroupInfo("peers", "kademlia", 0, 200, LinkSpec.UNLIMITED);

  /** An id as the unsigned number it stands for. */
  private static BigInteger number(long[] id) {
    BigInteger value = BigInteger.ZERO;
    for (long word : id) {
      value = value.shiftLeft(64).add(new BigInteger(Long.toUnsignedString(word)));
    }
    return value;
  }

  @Test
  void idsAreBitsLongAndDistancesAndPrefixesAreThoseOfTheirXor() {
    for (int bits : new int[] {32, 64, 100, 160, 256}) {
      KeySpace space = new KeySpace(7, GROUP, 50, bits);
      assertThat(space.idBytes()).isEqualTo((bits + 7) / 8);
      SplittableRandom random = new SplittableRandom(bits);
      for (int trial = 0; trial < 500; trial++) {
        long[] a = space.node(random.nextInt(200));
        long[] b = space.node(random.nextInt(200));
        long[] target = space.item(random.nextInt(50));
        assertThat(number(a).bitLength()).isLessThanOrEqualTo(bits);
        BigInteger da = number(a).xor(number(target));
        BigInteger db = number(b).xor(number(target));
        assertThat(Integer.signum(space.compare(a, b, target))).isEqualTo(da.compareTo(db));
        BigInteger xor = number(a).xor(number(b));
        assertThat(space.commonPrefix(a, b)).isEqualTo(bits - xor.bitLength());
        // The first 64 bits of the distance order distances as the distances do, where they differ.
        int prefixOrder = Long.compareUnsigned(space.distancePrefix(a, target), space.distancePrefix(b, target));
        if (prefixOrder != 0) {
          assertThat(prefixOrder).isEqualTo(da.compareTo(db));
        }
        int p = random.nextInt(Math.min(bits, 40));
        long[] inside = space.inBucket(a, p, random);
        assertThat(space.commonPrefix(a, inside)).isEqualTo(p);
        assertThat(number(inside).bitLength()).isLessThanOrEqualTo(bits);
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameIdsAndAnotherSeedOthers() {
    KeySpace one = new KeySpace(3, GROUP, 5, 160);
    KeySpace again = new KeySpace(3, GROUP, 5, 160);
    KeySpace other = new KeySpace(4, GROUP, 5, 160);
    assertThat(again.node(17)).isEqualTo(one.node(17));
    assertThat(again.item(4)).isEqualTo(one.item(4));
    assertThat(other.node(17)).isNotEqualTo(one.node(17));
    assertThat(one.item(4)).isNotEqualTo(one.node(4));
  }
}
