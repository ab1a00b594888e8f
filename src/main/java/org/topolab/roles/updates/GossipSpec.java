package org.topolab.roles.updates;

import java.util.List;

/**
 * How the nodes of a gossip group spread versions.
 *
 * @param mode which way content flows in a contact
 * @param fanout peers contacted per period
 * @param periodNanos time between a node's rounds
 * @param timing when a node's rounds happen
 * @param digests whether a push offers the version number first and sends the content only if missing
 * @param stopAfter rumour mongering: useless contacts after which a node stops spreading a version; 0: never
 * @param antiEntropyNanos time between anti-entropy exchanges; 0: none
 * @param view the Cyclon view the peers are drawn from; null: the whole group
 */
public record GossipSpec(
    Mode mode,
    int fanout,
    long periodNanos,
    Timing timing,
    boolean digests,
    int stopAfter,
    long antiEntropyNanos,
    View view) {

  /** Which way content flows when a node contacts a peer. */
  public enum Mode {
    /** The caller sends what it has. */
    PUSH("push"),
    /** The caller asks for what it lacks. */
    PULL("pull"),
    /** Both: whichever side is behind gets the newer version. */
    PUSH_PULL("push-pull");

    private final String key;

    Mode(String key) {
      this.key = key;
    }

    /** The name a scenario uses. */
    public String key() {
      return key;
    }

    /** Every name a scenario may use. */
    public static List<String> keys() {
      return List.of(PUSH.key, PULL.key, PUSH_PULL.key);
    }

    /** The mode a scenario calls {@code key}. */
    public static Mode of(String key) {
      for (Mode mode : values()) {
        if (mode.key.equals(key)) {
          return mode;
        }
      }
      throw new IllegalArgumentException("no gossip mode " + key);
    }
  }

  /** When the nodes' rounds happen. */
  public enum Timing {
    /** Every node at each whole multiple of the period: synchronous rounds. */
    ROUNDS,
    /** Each node every period from its own random offset. */
    RANDOM_PHASE
  }

  /**
   * A Cyclon view's settings.
   *
   * @param size entries in a view
   * @param shuffleLength entries exchanged in a shuffle
   * @param shufflePeriodNanos time between a node's shuffles
   */
  public record View(int size, int shuffleLength, long shufflePeriodNanos) {}

  /** Whether nodes stop spreading a version after some useless contacts. */
  public boolean rumourMongering() {
    return stopAfter > 0;
  }
}
