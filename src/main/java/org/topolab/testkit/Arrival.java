package org.topolab.testkit;

/**
 * A message that reached a node a test stands in for.
 *
 * @param nanos the simulated time at which it crossed the node's downlink
 * @param from the node that sent it
 * @param to the node it was sent to
 * @param message what was sent
 */
public record Arrival<T>(long nanos, int from, int to, T message) {

  /** The arrival time in milliseconds of simulated time. */
  public double millis() {
    return nanos / 1e6;
  }
}
