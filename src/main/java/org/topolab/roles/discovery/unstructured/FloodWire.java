package org.topolab.roles.discovery.unstructured;

import java.util.Arrays;
import org.topolab.network.NetMessage;

/**
 * The messages of unstructured search, after Gnutella 0.4's: a query names its origin and its
 * number there (Gnutella's 16-byte descriptor id), what it looks for (a 20-byte key), and its
 * remaining TTL and hops so far; a hit names the holder's address. {@code started}, when the
 * lookup began, rides along for the metrics only: it is not on a real wire and not in the sizes.
 */
public final class FloodWire {

  /** IPv4 and UDP headers, and Gnutella's descriptor header (id, type, TTL, hops, length). */
  static final long HEADER_BYTES = 20 + 8 + 23;

  /** An item's key. */
  static final long KEY_BYTES = 20;

  /** An IPv4 address and port. */
  static final long ADDRESS_BYTES = 6;

  private FloodWire() {}

  /** A flooded query, as {@code from} passes it on: {@code hops} travelled on arrival, {@code ttl} more it may go. */
  public record Query(int from, int origin, int id, int item, int ttl, int hops, long started)
      implements NetMessage, Flooding.Command, SuperPeer.Command {
    @Override
    public long sizeBytes() {
      return HEADER_BYTES + KEY_BYTES;
    }
  }

  /** A random walker, as {@code from} passes it on: it goes on to one neighbour until it finds a holder or its ttl is spent. */
  public record Walk(int from, int origin, int id, int item, int ttl, int hops, long started)
      implements NetMessage, Flooding.Command {
    @Override
    public long sizeBytes() {
      return HEADER_BYTES + KEY_BYTES;
    }
  }

  /**
   * A hit: {@code holder} has the item that query {@code id} of {@code origin} looks for, {@code
   * hops} away from the origin. It goes back along the query's path (or straight to the origin
   * for a walk, or from a super-peer to its leaf).
   */
  public record Hit(int origin, int id, int holder, int hops, long started)
      implements NetMessage, Flooding.Command, SuperPeer.Command, Leaf.Command {
    @Override
    public long sizeBytes() {
      return HEADER_BYTES + ADDRESS_BYTES;
    }
  }

  /** A leaf's items, registered with its super-peer. */
  public record Register(int from, int[] items) implements NetMessage, SuperPeer.Command {
    @Override
    public long sizeBytes() {
      return HEADER_BYTES + items.length * KEY_BYTES;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Register that && from == that.from && Arrays.equals(items, that.items);
    }

    @Override
    public int hashCode() {
      return 31 * from + Arrays.hashCode(items);
    }

    @Override
    public String toString() {
      return "Register[from=" + from + ", items=" + Arrays.toString(items) + "]";
    }
  }

  /** A leaf's lookup {@code id}, for {@code item}, sent to its super-peer. */
  public record LeafQuery(int from, int id, int item, long started) implements NetMessage, SuperPeer.Command {
    @Override
    public long sizeBytes() {
      return HEADER_BYTES + KEY_BYTES;
    }
  }
}
