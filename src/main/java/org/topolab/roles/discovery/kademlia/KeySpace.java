package org.topolab.roles.discovery.kademlia;

import java.util.SplittableRandom;
import org.topolab.node.GroupInfo;
import org.topolab.node.Seeds;

/**
 * The ids of one Kademlia group and the XOR metric between them. A node's id and an item's key are
 * {@code bits} long, drawn from a random stream seeded by the run's seed and the node's number (or
 * the item's): as a hash of (seed, number) would give them, uniform and the same wherever they are
 * computed, without the cost of a real hash. They are computed once per group and then only read.
 *
 * <p>An id is held as {@code ceil(bits / 64)} longs, most significant first, its top bits in the
 * low end of the first long (the rest of that long is zero). The distance between two ids is their
 * XOR, read as an unsigned number.
 */
final class KeySpace {

  /** The {@link Seeds} stream that node ids are drawn from. */
  static final int NODE_ID_STREAM = 12;

  /** The {@link Seeds} stream that item keys are drawn from. */
  static final int ITEM_KEY_STREAM = 13;

  private final int bits;
  private final int words;
  // Unused high bits of the first long.
  private final int pad;
  private final GroupInfo group;
  private final long[][] nodeIds;
  private final long[][] itemKeys;

  /** The ids of {@code group}'s nodes and the keys of {@code items} items, {@code bits} long, for {@code seed}. */
  KeySpace(long seed, GroupInfo group, int items, int bits) {
    this.bits = bits;
    this.words = (bits + 63) / 64;
    this.pad = words * 64 - bits;
    this.group = group;
    this.nodeIds = new long[group.count()][];
    for (int i = 0; i < nodeIds.length; i++) {
      nodeIds[i] = draw(Seeds.forNode(seed, group.id(i), NODE_ID_STREAM));
    }
    this.itemKeys = new long[items][];
    for (int item = 0; item < items; item++) {
      itemKeys[item] = draw(Seeds.forNode(seed, item, ITEM_KEY_STREAM));
    }
  }

  private long[] draw(SplittableRandom random) {
    long[] id = new long[words];
    for (int w = 0; w < words; w++) {
      id[w] = random.nextLong();
    }
    id[0] &= -1L >>> pad;
    return id;
  }

  /** The length of an id in bits. */
  int bits() {
    return bits;
  }

  /** The bytes an id takes on the wire. */
  int idBytes() {
    return (bits + 7) / 8;
  }

  /** The id of node {@code node} (its number in the run; read only). */
  long[] node(int node) {
    return nodeIds[node - group.first()];
  }

  /** The key of item {@code item} (read only). */
  long[] item(int item) {
    return itemKeys[item];
  }

  /** How many leading bits {@code a} and {@code b} share: {@code bits} if they are equal. */
  int commonPrefix(long[] a, long[] b) {
    for (int w = 0; w < words; w++) {
      long x = a[w] ^ b[w];
      if (x != 0) {
        return w * 64 + Long.numberOfLeadingZeros(x) - pad;
      }
    }
    return bits;
  }

  /**
   * The first 64 bits of the distance between {@code a} and {@code b}, as an unsigned number (the
   * distance itself if ids are shorter): distances compare as these do, unless these are equal.
   */
  long distancePrefix(long[] a, long[] b) {
    long first = (a[0] ^ b[0]) << pad;
    return pad == 0 || words == 1 ? first : first | (a[1] ^ b[1]) >>> (64 - pad);
  }

  /** Negative, zero or positive as {@code a} is nearer to {@code target} than {@code b}, as near, or farther. */
  int compare(long[] a, long[] b, long[] target) {
    for (int w = 0; w < words; w++) {
      int order = Long.compareUnsigned(a[w] ^ target[w], b[w] ^ target[w]);
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }

  /**
   * A random id that shares exactly {@code prefix} leading bits with {@code self}: an id in the
   * range of {@code self}'s bucket {@code prefix}.
   */
  long[] inBucket(long[] self, int prefix, SplittableRandom random) {
    long[] id = draw(random);
    // Bit number b (from 0, most significant first) sits in long (b + pad) / 64.
    for (int b = 0; b <= prefix; b++) {
      int at = b + pad;
      long mask = 1L << (63 - at % 64);
      long bit = self[at / 64] & mask;
      if (b == prefix) {
        bit ^= mask;
      }
      id[at / 64] = (id[at / 64] & ~mask) | bit;
    }
    return id;
  }
}
