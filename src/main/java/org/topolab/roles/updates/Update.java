package org.topolab.roles.updates;

import java.util.Arrays;
import org.topolab.network.NetMessage;

/**
 * A version of the item, as its publisher released it: version {@code version} and, for the
 * measurements, the release time of every version up to it ({@code releases[v - 1]} for version
 * v), so that a receiver that skips versions still knows when each of them was released. Only
 * the header, the version number and the payload count on the wire.
 *
 * @param from the node that sends it
 * @param version the version number, from 1
 * @param releases simulated release time in nanoseconds of versions 1 to {@code version}
 * @param payloadBytes the size of the item's content
 */
public record Update(int from, int version, long[] releases, long payloadBytes) implements NetMessage, Subscriber.Command, Gossip.Command {

  /** Bytes of framing every update message carries besides its payload. */
  public static final long HEADER_BYTES = 16;

  /** Checks that there is one release time per version. */
  public Update {
    if (version < 1 || releases.length != version) {
      throw new IllegalArgumentException("version " + version + " needs " + version + " release times, has " + releases.length);
    }
  }

  /** Simulated time in nanoseconds at which version {@code v} (1 to {@link #version()}) was released. */
  public long releasedAt(int v) {
    return releases[v - 1];
  }

  /** The same update, sent on by node {@code sender}. */
  public Update from(int sender) {
    return new Update(sender, version, releases, payloadBytes);
  }

  @Override
  public long sizeBytes() {
    return HEADER_BYTES + 4 + payloadBytes;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Update that
        && from == that.from
        && version == that.version
        && payloadBytes == that.payloadBytes
        && Arrays.equals(releases, that.releases);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * from + version) + Long.hashCode(payloadBytes)) + Arrays.hashCode(releases);
  }

  @Override
  public String toString() {
    return "Update[from=" + from + ", version=" + version + ", payloadBytes=" + payloadBytes + "]";
  }
}
