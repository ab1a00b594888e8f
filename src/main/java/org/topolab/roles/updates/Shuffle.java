package org.topolab.roles.updates;

import java.util.Arrays;
import org.topolab.network.NetMessage;

/**
 * A Cyclon shuffle between two gossip nodes: the entries one node offers another from its view, or
 * the other's answer. Each entry is on the wire as an IPv4 address and port (6 bytes) and a 2-byte
 * age.
 *
 * @param from the node that sends it
 * @param answer false for the offer that starts a shuffle, true for the answer to one
 * @param ids the peers of the entries
 * @param ages their ages in shuffles, in the same order
 */
public record Shuffle(int from, boolean answer, int[] ids, int[] ages) implements NetMessage, Gossip.Command {

  /** Bytes of one entry on the wire. */
  public static final long ENTRY_BYTES = 8;

  /** Checks that there is one age per entry. */
  public Shuffle {
    if (ids.length != ages.length) {
      throw new IllegalArgumentException(ids.length + " entries need as many ages, not " + ages.length);
    }
  }

  @Override
  public long sizeBytes() {
    return Update.HEADER_BYTES + 4 + ENTRY_BYTES * ids.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Shuffle that
        && from == that.from
        && answer == that.answer
        && Arrays.equals(ids, that.ids)
        && Arrays.equals(ages, that.ages);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * from + Boolean.hashCode(answer)) + Arrays.hashCode(ids)) + Arrays.hashCode(ages);
  }

  @Override
  public String toString() {
    return "Shuffle[from=" + from + ", answer=" + answer + ", ids=" + Arrays.toString(ids)
        + ", ages=" + Arrays.toString(ages) + "]";
  }
}
