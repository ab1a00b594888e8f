package org.topolab.roles.p2p;

import org.topolab.settings.Settings;

/**
 * How long a receiver waits for an answer before it asks again. It measures the round trip of its
 * small request-answer exchanges (a smoothed mean plus four mean deviations, as TCP does, RFC
 * 6298) and waits {@code factor} times what it expects: the round trip plus, for a chunk, the time
 * the chunks queued ahead of it take at the pace the source delivers at. Never less than {@code
 * min}, which is also the wait before any round trip is measured; each time the same thing goes
 * unanswered, the wait doubles (up to 4 times).
 */
final class Timeouts {

  /** The {@code retry} keys of a receiver: {@code timeout-factor} and {@code min-timeout}. */
  record Policy(double factor, long minNanos) {

    /** The defaults: three times the expected wait, at least a second. */
    static final Policy DEFAULT = new Policy(3, 1_000_000_000L);

    /** Reads the {@code retry} object of a downloader's or peer's keys. */
    static Policy read(Settings in) {
      Settings retry = in.object("retry");
      Policy policy =
          new Policy(
              retry.number("timeout-factor", DEFAULT.factor(), 1, 1000),
              retry.duration("min-timeout", DEFAULT.minNanos(), 1_000_000));
      retry.finish();
      return policy;
    }
  }

  private static final int MAX_DOUBLINGS = 2;

  private final Policy policy;
  private long smoothed = -1;
  private long deviation;

  Timeouts(Policy policy) {
    this.policy = policy;
  }

  /** A round trip of {@code nanos} was measured (of a message sent once: a re-sent one's answer is ambiguous). */
  void roundTrip(long nanos) {
    if (smoothed < 0) {
      smoothed = nanos;
      deviation = nanos / 2;
    } else {
      deviation = (3 * deviation + Math.abs(smoothed - nanos)) / 4;
      smoothed = (7 * smoothed + nanos) / 8;
    }
  }

  /** The smoothed round trip measured; 0 before any. */
  long roundTrip() {
    return Math.max(0, smoothed);
  }

  /** The wait for an answer to a small message sent for the {@code attempt}-th time (from 1). */
  long control(int attempt) {
    return forWait(0, attempt);
  }

  /**
   * The wait for a chunk sent for the {@code attempt}-th time (from 1) when {@code aheadNanos} of
   * transfer time are expected before it, itself included.
   */
  long forWait(long aheadNanos, int attempt) {
    long roundTrip = smoothed < 0 ? 0 : smoothed + 4 * deviation;
    long wait = Math.max(policy.minNanos(), (long) (policy.factor() * (roundTrip + aheadNanos)));
    return wait << Math.min(MAX_DOUBLINGS, Math.max(0, attempt - 1));
  }
}
