package org.topolab.roles.discovery.directory;

import java.util.Arrays;
import org.topolab.network.NetMessage;

/**
 * The messages between peers and a central index, over TCP as Napster's were. An item travels as
 * its number and counts on the wire as a 20-byte key (a SHA-1 hash, as file-sharing indexes used);
 * a holder counts as its IPv4 address and port.
 */
public final class DirectoryWire {

  /** IPv4 and TCP headers, the message type and a request id. */
  static final long HEADER_BYTES = 20 + 20 + 1 + 4;

  /** An item's key. */
  static final long KEY_BYTES = 20;

  /** An IPv4 address and port. */
  static final long ADDRESS_BYTES = 6;

  private DirectoryWire() {}

  /** Peer {@code from} holds {@code items} (those this index server is responsible for). */
  public record Register(int from, int[] items) implements NetMessage, Index.Command {
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

  /** Who holds {@code item}? Asked by peer {@code from} for its lookup {@code lookup}. */
  public record Query(int from, int lookup, int item) implements NetMessage, Index.Command {
    @Override
    public long sizeBytes() {
      return HEADER_BYTES + KEY_BYTES;
    }
  }

  /** The answer to a {@link Query}: the holders of the item (node ids), empty if none registered it. */
  public record Answer(int lookup, int[] holders) implements NetMessage, DirectoryPeer.Command {
    @Override
    public long sizeBytes() {
      return HEADER_BYTES + holders.length * ADDRESS_BYTES;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Answer that && lookup == that.lookup && Arrays.equals(holders, that.holders);
    }

    @Override
    public int hashCode() {
      return 31 * lookup + Arrays.hashCode(holders);
    }

    @Override
    public String toString() {
      return "Answer[lookup=" + lookup + ", holders=" + Arrays.toString(holders) + "]";
    }
  }
}
