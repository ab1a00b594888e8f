package org.topolab.roles.p2p;

/**
 * A message that waits for an answer and is sent again until one comes: how often it has been sent,
 * and when it is due again (after {@link Timeouts#control}). The answer to a message sent once
 * measures a round trip; one sent more than once could be answering any of its copies.
 */
final class Question {

  private final Timeouts timeouts;
  private int attempts;
  private long sentAt;

  Question(Timeouts timeouts) {
    this.timeouts = timeouts;
  }

  /** It is sent, or sent again, at {@code now}; returns when it is due again. */
  long sent(long now) {
    attempts++;
    sentAt = now;
    return due();
  }

  /** Whether it waits for an answer. */
  boolean open() {
    return attempts > 0;
  }

  /** Times sent since the last answer. */
  int attempts() {
    return attempts;
  }

  /** When it is to be sent again; {@link Long#MAX_VALUE} while it waits for nothing. */
  long due() {
    return attempts == 0 ? Long.MAX_VALUE : sentAt + timeouts.control(attempts);
  }

  /** Its answer came at {@code now}; whether it was waiting for one. */
  boolean answered(long now) {
    if (attempts == 0) {
      return false;
    }
    if (attempts == 1) {
      timeouts.roundTrip(now - sentAt);
    }
    attempts = 0;
    return true;
  }
}
