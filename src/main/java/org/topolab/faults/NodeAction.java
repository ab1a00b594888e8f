package org.topolab.faults;

/**
 * What the engine does to one node at one instant because of a fault: the faults of a run become
 * a list of these, in the order they happen, the same in every partition.
 *
 * @param timeNanos when
 * @param node which node
 * @param action what
 */
public record NodeAction(long timeNanos, int node, Action action) {

  /** What happens to the node. */
  public enum Action {
    /** Its actor stops; messages that reach it are lost. */
    CRASH,
    /** A fresh node takes its id (a live one is crashed first). */
    RESTART,
    /** It stops processing; what reaches it waits. */
    PAUSE,
    /** It processes again, first what waited, in the order it came. */
    RESUME
  }
}
