package org.topolab.roles.discovery.kademlia;

import java.util.Arrays;

/**
 * A node's k-buckets (Maymounkov and Mazières 2002, section 2.2), as the flat table of one bucket
 * per shared prefix length: bucket p holds up to k contacts whose ids share exactly p leading bits
 * with the node's own, least recently seen first. A node seen again moves to the end of its bucket;
 * a new node goes to the end if there is room. If its bucket is full, the owner pings the least
 * recently seen contact: if that one answers it stays (and moves to the end) and the newcomer is
 * dropped; if not, it is evicted and the newcomer takes its place. While a ping is out, the most
 * recent newcomer for that bucket waits. Contacts are node numbers; buckets are made as they fill.
 */
final class RoutingTable {

  /** No contact: the value of {@link #seen} when nothing needs pinging. */
  static final int NONE = -1;

  private final KeySpace space;
  private final int self;
  private final long[] selfId;
  private final int k;
  private int[][] buckets = new int[0][];
  private int[] sizes = new int[0];
  // Per bucket: the newcomer waiting for the pinged oldest contact's answer, or NONE.
  private int[] waiting = new int[0];
  // Per bucket: when a lookup last targeted an id in its range (for refreshing).
  private long[] lookedUp = new long[0];
  private int contacts;
  // The distances' first 64 bits of the contacts being selected by closest(), kept between calls.
  private long[] keys = new long[0];

  /** The empty table of node {@code self}, with buckets of {@code k}. */
  RoutingTable(KeySpace space, int self, int k) {
    this.space = space;
    this.self = self;
    this.selfId = space.node(self);
    this.k = k;
  }

  /** The bucket that {@code id} falls in: the leading bits it shares with this node's id. */
  int bucketOf(long[] id) {
    return space.commonPrefix(selfId, id);
  }

  /**
   * Node {@code node} was heard from. Returns the contact to ping before it can be taken in (the
   * least recently seen of its full bucket), or {@link #NONE}.
   */
  int seen(int node) {
    long[] id = space.node(node);
    int p = bucketOf(id);
    if (node == self || p == space.bits()) {
      return NONE; // itself, or a node with its very id, which no bucket holds
    }
    grow(p);
    int[] bucket = buckets[p];
    int at = indexOf(bucket, sizes[p], node);
    if (at >= 0) {
      System.arraycopy(bucket, at + 1, bucket, at, sizes[p] - at - 1);
      bucket[sizes[p] - 1] = node;
      return NONE;
    }
    if (sizes[p] < k) {
      if (bucket.length == sizes[p]) {
        bucket = buckets[p] = Arrays.copyOf(bucket, Math.min(k, Math.max(4, bucket.length * 2)));
      }
      bucket[sizes[p]++] = node;
      contacts++;
      return NONE;
    }
    boolean pinging = waiting[p] != NONE;
    waiting[p] = node;
    return pinging ? NONE : bucket[0];
  }

  /** The contact pinged because its bucket was full answered: the newcomer waiting there is dropped. */
  void answered(int node) {
    int p = bucketOf(space.node(node));
    if (p < waiting.length) {
      waiting[p] = NONE;
    }
  }

  /** The contact pinged because its bucket was full did not answer: it makes way for the waiting newcomer. */
  void unresponsive(int node) {
    int p = bucketOf(space.node(node));
    int[] bucket = buckets[p];
    int at = indexOf(bucket, sizes[p], node);
    int newcomer = waiting[p];
    waiting[p] = NONE;
    if (at < 0 || newcomer == NONE) {
      return;
    }
    System.arraycopy(bucket, at + 1, bucket, at, sizes[p] - at - 1);
    bucket[sizes[p] - 1] = newcomer;
  }

  /** Whether {@code node} is in the table. */
  boolean contains(int node) {
    int p = bucketOf(space.node(node));
    return p < buckets.length && indexOf(buckets[p], sizes[p], node) >= 0;
  }

  /** The contacts of bucket {@code p}, least recently seen first. */
  int[] bucket(int p) {
    return p < buckets.length ? Arrays.copyOf(buckets[p], sizes[p]) : new int[0];
  }

  /** The number of contacts in the table. */
  int size() {
    return contacts;
  }

  /** One more than the deepest bucket that was ever given a contact: the buckets worth refreshing. */
  int depth() {
    return buckets.length;
  }

  /** A lookup for {@code target} started at {@code now}: its bucket counts as fresh. */
  void lookedUp(long[] target, long now) {
    int p = bucketOf(target);
    if (p < lookedUp.length) {
      lookedUp[p] = now;
    }
  }

  /** When a lookup last targeted bucket {@code p}'s range (0 if never). */
  long lastLookup(int p) {
    return lookedUp[p];
  }

  /**
   * Puts the (up to) {@code count} contacts nearest to {@code target} into {@code out}, nearest
   * first, and returns how many. With b the bucket the target falls in, bucket b's contacts are
   * nearer to it than any other (they match it beyond bit b), then come those of all deeper
   * buckets (they match it up to bit b), then those of buckets b - 1, b - 2, ... 0 in turn; only
   * within each of these groups must contacts be sorted.
   */
  int closest(long[] target, int count, int[] out) {
    int b = bucketOf(target);
    int n = 0;
    if (b < buckets.length) {
      n = addSorted(out, n, count, target, b, b + 1);
    }
    if (b + 1 < buckets.length) {
      n = addSorted(out, n, count, target, b + 1, buckets.length);
    }
    for (int p = Math.min(b, buckets.length) - 1; p >= 0 && n < count; p--) {
      n = addSorted(out, n, count, target, p, p + 1);
    }
    return n;
  }

  /**
   * Appends the nearest contacts of buckets {@code from} to {@code to} - 1, nearest first, until
   * {@code count} are out: a selection into a sorted buffer of the places left, since deep buckets
   * together may hold many more contacts than are wanted.
   */
  private int addSorted(int[] out, int n, int count, long[] target, int from, int to) {
    int room = count - n;
    if (room <= 0) {
      return n;
    }
    if (keys.length < room) {
      keys = new long[room];
    }
    int taken = 0;
    for (int p = from; p < to; p++) {
      for (int i = 0; i < sizes[p]; i++) {
        int node = buckets[p][i];
        long key = space.distancePrefix(space.node(node), target);
        if (taken == room && !farther(out[n + taken - 1], keys[taken - 1], node, key, target)) {
          continue; // no nearer than the farthest kept
        }
        int j = taken == room ? taken - 1 : taken++;
        while (j > 0 && farther(out[n + j - 1], keys[j - 1], node, key, target)) {
          out[n + j] = out[n + j - 1];
          keys[j] = keys[j - 1];
          j--;
        }
        out[n + j] = node;
        keys[j] = key;
      }
    }
    return n + taken;
  }

  /** Whether node {@code a} (distance beginning {@code keyA}) is farther from {@code target} than node {@code b}. */
  private boolean farther(int a, long keyA, int b, long keyB, long[] target) {
    int order = Long.compareUnsigned(keyA, keyB);
    return order > 0 || order == 0 && space.compare(space.node(a), space.node(b), target) > 0;
  }

  private void grow(int p) {
    if (p < buckets.length) {
      return;
    }
    int length = p + 1;
    int old = buckets.length;
    buckets = Arrays.copyOf(buckets, length);
    sizes = Arrays.copyOf(sizes, length);
    waiting = Arrays.copyOf(waiting, length);
    lookedUp = Arrays.copyOf(lookedUp, length);
    for (int i = old; i < length; i++) {
      buckets[i] = new int[0];
      waiting[i] = NONE;
    }
  }

  private static int indexOf(int[] bucket, int size, int node) {
    for (int i = 0; i < size; i++) {
      if (bucket[i] == node) {
        return i;
      }
    }
    return -1;
  }
}
