package org.topolab.time;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * The simulation clock and timers that every behaviour and every metric reads.
 *
 * <p>Time is in nanoseconds since the start of the run. Model code never reads the wall clock: in
 * virtual time the clock jumps from event to event, in real time it follows the wall clock, scaled.
 */
public interface SimTime {

  /** Nanoseconds of simulated time since the run started. */
  long now();

  /** Runs {@code action} after {@code delayNanos} of simulated time. */
  void schedule(long delayNanos, Runnable action);

  /** Sends {@code message} to {@code target} after {@code delayNanos} of simulated time. */
  <T> void tell(long delayNanos, ActorRef<T> target, T message);

  /** How many timed events have fired so far (timers and network stages). */
  long events();
}
