package org.topolab.engine;

/**
 * A run that its deployment had to give up part-way, such as when a cluster member was lost: the
 * runs that finished before it still make a report, marked incomplete.
 */
public final class RunAbortedException extends Exception {

  private static final long serialVersionUID = 1L;

  /** A run given up for {@code reason}. */
  public RunAbortedException(String reason) {
    super(reason);
  }
}
