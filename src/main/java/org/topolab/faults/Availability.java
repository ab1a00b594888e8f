package org.topolab.faults;

/**
 * What a group of clients measures of its requests per interval of {@code metrics.interval}, by
 * the time each was first sent: how many were sent, and how many of those succeeded. The report
 * works out from it how long each fault took to recover from.
 */
public interface Availability {

  /** Requests first sent in each interval, from the start of the run. */
  long[] sentPerInterval();

  /** Of those, the ones that succeeded in the end. */
  long[] okPerInterval();
}
