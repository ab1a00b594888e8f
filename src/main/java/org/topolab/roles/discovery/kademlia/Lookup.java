package org.topolab.roles.discovery.kademlia;

import java.util.Arrays;

/**
 * One iterative lookup (Maymounkov and Mazières 2002, section 2.3), as a state machine without
 * timers or messages of its own: the candidates it knows, nearest to the target first, and what
 * became of each (not asked, asked, answered, failed). It asks the nearest candidates not yet
 * asked among the k nearest that have not failed, at most {@code alpha} at a time; each answer
 * brings more candidates, and a query unanswered for a timeout fails. It ends when the value is
 * found (a FIND_VALUE lookup) or when the k nearest candidates that have not failed have all
 * answered.
 *
 * <p>Hops: a candidate from the initiator's own table has depth 0, one named in the answer of a
 * candidate of depth d has depth d + 1 (the least, if several name it), and asking a candidate of
 * depth d is a query at hop d + 1. A lookup's hops are the hop of the query that found the value:
 * the length of the chain of queries, each sent on what the previous one returned, that led to it,
 * which is the number of rounds a lookup that waits for every answer of a round would have needed.
 */
final class Lookup {

  /** Why the node looks up, and so what it does with the result. */
  enum Purpose {
    /** The node's lookup of its own id, that joins it to the network. */
    JOIN,
    /** The k nodes nearest to an item's key, to store the item's holder with them. */
    PUBLISH,
    /** A random id in a bucket's range, to refresh the bucket. */
    REFRESH,
    /** A holder of an item: the workload's lookups, which the metrics count. */
    FIND_VALUE
  }

  /** Candidates kept per place of the k nearest: more than k - 1 spares could only matter if most of the nearest failed. */
  private static final int SPARE = 3;

  private static final byte NEW = 0;
  private static final byte ASKED = 1;
  private static final byte ANSWERED = 2;
  private static final byte FAILED = 3;

  private final KeySpace space;
  private final int self;
  private final Purpose purpose;
  private final long[] target;
  private final int item;
  private final int k;
  private final int alpha;
  private final long started;
  // The candidates, nearest first, and per candidate: the first 64 bits of its distance to the
  // target (compared before the whole distance), its state, depth, and when asked, the RPC and time.
  private int[] nodes = new int[32];
  private long[] keys = new long[32];
  private byte[] states = new byte[32];
  private int[] depths = new int[32];
  private int[] rpcs = new int[32];
  private long[] askedAt = new long[32];
  private int size;
  private int asked;
  private int hops = -1;
  private boolean closed;
  private boolean timed;

  /**
   * A lookup by node {@code self} for {@code target} ({@code item}'s key for an item, or -1),
   * started at {@code started}, that keeps the {@code k} nearest and asks {@code alpha} at a time.
   */
  Lookup(KeySpace space, int self, Purpose purpose, long[] target, int item, int k, int alpha, long started) {
    this.space = space;
    this.self = self;
    this.purpose = purpose;
    this.target = target;
    this.item = item;
    this.k = k;
    this.alpha = alpha;
    this.started = started;
  }

  Purpose purpose() {
    return purpose;
  }

  long[] target() {
    return target;
  }

  /** The item a FIND_VALUE or PUBLISH lookup is for; -1 for the others. */
  int item() {
    return item;
  }

  long started() {
    return started;
  }

  /** Learns of {@code node} at {@code depth}; the initiator itself is left out, and a known node keeps the lesser depth. */
  void offer(int node, int depth) {
    if (node == self) {
      return;
    }
    long[] id = space.node(node);
    long key = space.distancePrefix(id, target);
    int at = lowerBound(id, key);
    for (int i = at; i < size && keys[i] == key && space.compare(space.node(nodes[i]), id, target) == 0; i++) {
      if (nodes[i] == node) {
        depths[i] = Math.min(depths[i], depth);
        return;
      }
    }
    if (size == nodes.length) {
      int length = size * 2;
      nodes = Arrays.copyOf(nodes, length);
      keys = Arrays.copyOf(keys, length);
      states = Arrays.copyOf(states, length);
      depths = Arrays.copyOf(depths, length);
      rpcs = Arrays.copyOf(rpcs, length);
      askedAt = Arrays.copyOf(askedAt, length);
    }
    int moved = size - at;
    System.arraycopy(nodes, at, nodes, at + 1, moved);
    System.arraycopy(keys, at, keys, at + 1, moved);
    System.arraycopy(states, at, states, at + 1, moved);
    System.arraycopy(depths, at, depths, at + 1, moved);
    System.arraycopy(rpcs, at, rpcs, at + 1, moved);
    System.arraycopy(askedAt, at, askedAt, at + 1, moved);
    nodes[at] = node;
    keys[at] = key;
    states[at] = NEW;
    depths[at] = depth;
    size++;
    if (size > SPARE * k && states[size - 1] == NEW) {
      size--; // the farthest, never asked: only as many failures as there are spares could have needed it
    }
  }

  /**
   * The next candidate to ask, marked as asked by RPC {@code rpc} at {@code now}; -1 if {@code
   * alpha} queries are out already, the lookup is over, or each of the k nearest that have not
   * failed was asked.
   */
  int next(int rpc, long now) {
    if (closed || asked >= alpha || found()) {
      return -1;
    }
    int live = 0;
    for (int i = 0; i < size && live < k; i++) {
      if (states[i] == FAILED) {
        continue;
      }
      live++;
      if (states[i] == NEW) {
        states[i] = ASKED;
        rpcs[i] = rpc;
        askedAt[i] = now;
        asked++;
        return nodes[i];
      }
    }
    return -1;
  }

  /** {@code node} answered with {@code contacts}; they become candidates one hop deeper, unless the lookup is over. */
  void answered(int node, int[] contacts) {
    int at = indexOf(node);
    if (states[at] != ASKED) {
      return;
    }
    states[at] = ANSWERED;
    asked--;
    if (!closed) {
      int depth = depths[at] + 1; // read before the offers move the candidates
      for (int contact : contacts) {
        offer(contact, depth);
      }
    }
  }

  /** {@code node} answered with the item's holders: the lookup found its value, unless it is over. */
  void found(int node) {
    int at = indexOf(node);
    if (states[at] == ASKED) {
      states[at] = ANSWERED;
      asked--;
    }
    if (!closed && !found()) {
      this.hops = depths[at] + 1;
    }
  }

  /**
   * Fails every query asked at or before {@code deadline} and still unanswered: puts their RPCs
   * into {@code out} (as long as the candidates) and returns how many.
   */
  int expire(long deadline, int[] out) {
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (states[i] == ASKED && askedAt[i] <= deadline) {
        states[i] = FAILED;
        asked--;
        out[n++] = rpcs[i];
      }
    }
    return n;
  }

  /** When the oldest query still unanswered was asked; {@link Long#MAX_VALUE} if none is. */
  long oldestAsked() {
    long oldest = Long.MAX_VALUE;
    for (int i = 0; i < size; i++) {
      if (states[i] == ASKED) {
        oldest = Math.min(oldest, askedAt[i]);
      }
    }
    return oldest;
  }

  /** The number of candidates known. */
  int candidates() {
    return size;
  }

  /** Whether the value was found. */
  boolean found() {
    return hops >= 0;
  }

  /** The hops of the query that found the value; -1 if none did. */
  int hops() {
    return hops;
  }

  /** Whether the lookup is over: the value found, or the k nearest that have not failed all answered. */
  boolean done() {
    if (found()) {
      return true;
    }
    int live = 0;
    for (int i = 0; i < size && live < k; i++) {
      if (states[i] != FAILED) {
        if (states[i] != ANSWERED) {
          return false;
        }
        live++;
      }
    }
    return true;
  }

  /** Ends the lookup: it asks no one any more, and the answers still on their way bring nothing. */
  void close() {
    closed = true;
  }

  /** Whether the lookup was ended. */
  boolean closed() {
    return closed;
  }

  /** Marks whether a timer watches the lookup's queries; returns what it was. */
  boolean timed(boolean timed) {
    boolean was = this.timed;
    this.timed = timed;
    return was;
  }

  /** The k nearest candidates that answered, nearest first: the result of a FIND_NODE lookup once done. */
  int[] nearest() {
    int[] out = new int[Math.min(k, size)];
    int n = 0;
    for (int i = 0; i < size && n < out.length; i++) {
      if (states[i] == ANSWERED) {
        out[n++] = nodes[i];
      }
    }
    return Arrays.copyOf(out, n);
  }

  private int indexOf(int node) {
    long[] id = space.node(node);
    long key = space.distancePrefix(id, target);
    for (int i = lowerBound(id, key); i < size && keys[i] == key; i++) {
      if (nodes[i] == node) {
        return i;
      }
    }
    throw new IllegalArgumentException("node " + node + " is not a candidate of this lookup");
  }

  /** The first place whose candidate is not nearer to the target than {@code id}, whose distance begins with {@code key}. */
  private int lowerBound(long[] id, long key) {
    int low = 0;
    int high = size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      int order = Long.compareUnsigned(keys[mid], key);
      if (order == 0) {
        order = space.compare(space.node(nodes[mid]), id, target);
      }
      if (order < 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
