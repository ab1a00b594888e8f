package org.topolab.time;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * The simulation clock and timers that every behaviour and every metric reads.
 *
 * <p>Time is in nanoseconds since the start of the run. Model code never reads the wall clock: in
 * virtual time the clock jumps from event to event, in real time it follows the wall clock, scaled.
 *
 * <p>Every event carries a key: the node that caused it and that node's own count of the events
 * it has caused ({@link #nextKey}). Events of one instant happen in the order of their keys, never
 * in the order they happened to be filed, so the order cannot depend on how a run is split up.
 */
public interface SimTime {

  /** The origin of events that no node caused: the engine's and a test's own. */
  int ENGINE = -1;

  /** Nanoseconds of simulated time since the run started. */
  long now();

  /** The key of the next event that node {@code origin} (or {@link #ENGINE}) causes. */
  long nextKey(int origin);

  /** Runs {@code action} after {@code delayNanos} of simulated time, as the event {@code key}. */
  void schedule(long delayNanos, long key, Runnable action);

  /** Sends {@code message} to {@code target} after {@code delayNanos}, as the event {@code key}. */
  <T> void tell(long delayNanos, long key, ActorRef<T> target, T message);

  /** Runs {@code action} after {@code delayNanos}, as an event of the engine's own. */
  default void schedule(long delayNanos, Runnable action) {
    schedule(delayNanos, nextKey(ENGINE), action);
  }

  /** How many timed events have fired so far (timers and network stages). */
  long events();
}
