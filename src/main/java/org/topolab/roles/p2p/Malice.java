package org.topolab.roles.p2p;

import java.util.Locale;

/** How a malicious peer misbehaves; a scenario names it by {@link #key()}. */
public enum Malice {
  /** It behaves. */
  NONE,
  /** It serves every chunk corrupt. */
  CORRUPT,
  /** It claims every chunk in its bitfields, having them or not, and serves only those it has. */
  LIE,
  /** It takes requests and never serves them. */
  DROP;

  /** The name a scenario uses: {@code none}, {@code corrupt}, {@code lie}, {@code drop}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Which of a group's peers misbehave, and how: a {@code fraction} of them, spread evenly over the
   * group (node i misbehaves when floor((i + 1) × fraction) passes floor(i × fraction): with 0.2,
   * nodes 4, 9, 14...), so that the same nodes do in every run and every partition.
   */
  public record Share(Malice malice, double fraction) {

    /** A group that behaves. */
    public static final Share NONE = new Share(Malice.NONE, 0);

    /** How the group's {@code index}-th node behaves. */
    Malice of(int index) {
      boolean chosen = Math.floor((index + 1) * fraction + 1e-9) > Math.floor(index * fraction + 1e-9);
      return chosen ? malice : Malice.NONE;
    }

    /** How many of a group of {@code count} nodes misbehave. */
    int count(int count) {
      return malice == Malice.NONE ? 0 : (int) Math.floor(count * fraction + 1e-9);
    }
  }
}
