package org.topolab.roles.updates;

import org.topolab.network.NetMessage;

/**
 * A gossip node's version number, without the content: what two nodes compare before the content
 * crosses, so that it crosses only where it is missing. Its {@code kind} says what the sender asks
 * of the receiver.
 *
 * @param from the node that sends it
 * @param version the newest version the sender has; 0 for none
 * @param kind why it is sent
 */
public record Digest(int from, int version, Kind kind) implements NetMessage, Gossip.Command {

  /** Bytes on the wire: the same framing as an update, and the version number. */
  public static final long BYTES = Update.HEADER_BYTES + 4;

  /** Why a digest is sent. */
  public enum Kind {
    /** A push offer: the sender sends its version if the receiver answers that it lacks it. */
    PUSH,
    /** A pull request: the receiver sends its version if it is newer. */
    PULL,
    /** Both: the newer side sends, the older side answers. */
    PUSH_PULL,
    /** The answer to a push or push-pull offer: the receiver's version. */
    ANSWER,
    /** An anti-entropy exchange: as push-pull, but every version is served, spreading or not. */
    SYNC,
    /** The answer to an anti-entropy exchange. */
    SYNC_ANSWER
  }

  @Override
  public long sizeBytes() {
    return BYTES;
  }
}
