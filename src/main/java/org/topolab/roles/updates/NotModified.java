package org.topolab.roles.updates;

import org.topolab.network.NetMessage;

/**
 * The publisher's answer to a {@link Poll} from a subscriber that already has the latest version
 * (or that polls before the first release): no content, only the latest version number.
 *
 * @param from the publisher
 * @param version the latest version released, 0 before the first release
 */
public record NotModified(int from, int version) implements NetMessage, Subscriber.Command {

  /** Bytes on the wire: a header and the version number. */
  public static final long BYTES = Update.HEADER_BYTES + 4;

  @Override
  public long sizeBytes() {
    return BYTES;
  }
}
