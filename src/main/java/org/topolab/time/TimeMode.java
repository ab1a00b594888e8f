package org.topolab.time;

/** How a run keeps time. */
public enum TimeMode {
  /** Discrete-event time on one machine: as fast as events can be processed, deterministic. */
  VIRTUAL,
  /** Wall-clock time, optionally scaled: what a cluster uses. */
  REAL
}
