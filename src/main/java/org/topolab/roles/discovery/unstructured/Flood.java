package org.topolab.roles.discovery.unstructured;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.topolab.node.NodeContext;
import org.topolab.roles.discovery.LookupMetrics;

/**
 * One node's part in flooding, as Gnutella 0.4 did it: a query goes to every neighbour, and each
 * node that sees it for the first time remembers who sent it, answers with a hit if it knows a
 * holder, and passes it on to its other neighbours while its TTL lasts; a query seen before is
 * dropped (duplicate suppression). A hit goes back hop by hop along the path its query came, by
 * what each node remembered. Nodes remember a query for {@link #REMEMBER_NANOS}, far longer than a
 * flood and its hits take. It counts every message it sends for the lookup that started it.
 */
final class Flood {

  /**
   * How long a node remembers a query it saw: Gnutella's routing table kept ids for minutes; a
   * simulated flood and its hits end within a second or two.
   */
  static final long REMEMBER_NANOS = 10_000_000_000L;

  /** The node a query came from, for the query's own origin. */
  private static final int ORIGIN = -1;

  private final NodeContext node;
  private final int[] neighbours;
  private final int ttl;
  private final IntUnaryOperator holderOf;
  private final LookupMetrics metrics;
  // The queries seen: (origin, id) -> the node it came from; and in the order seen, for forgetting.
  private final Map<Long, Integer> cameFrom = new HashMap<>();
  private long[] seenKeys = new long[16];
  private long[] seenAt = new long[16];
  private int oldest;
  private int seen;
  private int nextId;

  /**
   * The flooding part of {@code node}, whose overlay neighbours (node ids) are {@code neighbours};
   * its queries go {@code ttl} hops, and {@code holderOf} gives the holder of an item it can name
   * (a node id) or -1.
   */
  Flood(NodeContext node, int[] neighbours, int ttl, IntUnaryOperator holderOf, LookupMetrics metrics) {
    this.node = node;
    this.neighbours = neighbours;
    this.ttl = ttl;
    this.holderOf = holderOf;
    this.metrics = metrics;
  }

  /** Floods a query for {@code item}, for a lookup that started at {@code started}; returns its id. */
  int start(int item, long started) {
    int id = nextId++;
    remember(key(node.id(), id), ORIGIN);
    FloodWire.Query query = new FloodWire.Query(node.id(), node.id(), id, item, ttl - 1, 1, started);
    for (int neighbour : neighbours) {
      node.send(neighbour, query);
    }
    metrics.queries(started, neighbours.length);
    return id;
  }

  /** A query arrived: dropped if seen before, else answered if a holder is known here and passed on while its TTL lasts. */
  void onQuery(FloodWire.Query query) {
    long key = key(query.origin(), query.id());
    forget();
    if (cameFrom.containsKey(key)) {
      return;
    }
    remember(key, query.from());
    int holder = holderOf.applyAsInt(query.item());
    if (holder >= 0) {
      node.send(query.from(), new FloodWire.Hit(query.origin(), query.id(), holder, query.hops(), query.started()));
      metrics.messages(query.started(), 1);
    }
    if (query.ttl() > 0) {
      FloodWire.Query on = new FloodWire.Query(node.id(), query.origin(), query.id(), query.item(), query.ttl() - 1,
          query.hops() + 1, query.started());
      int sent = 0;
      for (int neighbour : neighbours) {
        if (neighbour != query.from()) {
          node.send(neighbour, on);
          sent++;
        }
      }
      metrics.queries(query.started(), sent);
    }
  }

  /**
   * A hit arrived: returned if this node's own query asked for it; otherwise passed back toward
   * the query's origin (if this node still remembers the query) and null returned.
   */
  FloodWire.Hit onHit(FloodWire.Hit hit) {
    if (hit.origin() == node.id()) {
      return hit;
    }
    Integer back = cameFrom.get(key(hit.origin(), hit.id()));
    if (back != null && back != ORIGIN) {
      node.send(back, hit);
      metrics.messages(hit.started(), 1);
    }
    return null;
  }

  private static long key(int origin, int id) {
    return (long) origin << 32 | (id & 0xFFFF_FFFFL);
  }

  private void remember(long key, int from) {
    cameFrom.put(key, from);
    if (seen == seenKeys.length) {
      // Unroll the ring into arrays twice as long.
      long[] keys = new long[seen * 2];
      long[] times = new long[seen * 2];
      for (int i = 0; i < seen; i++) {
        keys[i] = seenKeys[(oldest + i) % seenKeys.length];
        times[i] = seenAt[(oldest + i) % seenAt.length];
      }
      seenKeys = keys;
      seenAt = times;
      oldest = 0;
    }
    int at = (oldest + seen) % seenKeys.length;
    seenKeys[at] = key;
    seenAt[at] = node.now();
    seen++;
  }

  /** Forgets the queries seen longer ago than {@link #REMEMBER_NANOS}. */
  private void forget() {
    long before = node.now() - REMEMBER_NANOS;
    while (seen > 0 && seenAt[oldest] < before) {
      cameFrom.remove(seenKeys[oldest]);
      oldest = (oldest + 1) % seenKeys.length;
      seen--;
    }
  }
}
