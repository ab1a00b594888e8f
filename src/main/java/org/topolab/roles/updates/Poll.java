package org.topolab.roles.updates;

import org.topolab.network.NetMessage;

/**
 * A subscriber asks its publisher whether there is a version newer than the one it has: the
 * answer is the latest {@link Update}, or {@link NotModified} if the subscriber is up to date.
 *
 * @param from the subscriber, to which the answer goes
 * @param version the version the subscriber has, 0 for none
 */
public record Poll(int from, int version) implements NetMessage, Publisher.Command {

  /** Bytes on the wire: a header and the version number. */
  public static final long BYTES = Update.HEADER_BYTES + 4;

  @Override
  public long sizeBytes() {
    return BYTES;
  }
}
