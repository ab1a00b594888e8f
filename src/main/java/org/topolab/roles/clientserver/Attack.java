package org.topolab.roles.clientserver;

import java.util.Locale;
import java.util.SplittableRandom;

/** How a client group attacks the server it sends to, if it does; a scenario names it by {@link #key()}. */
public enum Attack {
  /** No attack: the client presents its own credentials, if it has any. */
  NONE,
  /** Requests carry no credentials at all. */
  NO_CREDENTIALS,
  /** Requests name a user with a secret guessed afresh each time (password guessing). */
  WRONG_CREDENTIALS,
  /** Requests come at a high rate (by default 1000/s per node), with the group's credentials if it has any. */
  FLOOD;

  /** The name a scenario uses: {@code none}, {@code no-credentials}, {@code wrong-credentials}, {@code flood}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The credentials one request presents, given the group's own ({@code own}, null if none); a
   * guess draws from {@code random}, so clients that do not guess draw nothing.
   */
  Credentials present(Credentials own, SplittableRandom random) {
    return switch (this) {
      case NONE, FLOOD -> own;
      case NO_CREDENTIALS -> null;
      case WRONG_CREDENTIALS -> new Credentials(own.user(), "guess-" + Long.toHexString(random.nextLong()));
    };
  }
}
