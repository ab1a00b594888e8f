package org.topolab.roles.clientserver;

import java.util.Arrays;

/**
 * What a load balancer's health checks say of each backend: up or down, and how many checks in a
 * row have said otherwise. A backend that is up goes down after {@code unhealthy-after} failed
 * checks in a row, and one that is down comes back after {@code healthy-after} passed ones, as
 * HAProxy's {@code fall} and {@code rise} and Envoy's thresholds have it. Every backend starts up.
 */
final class BackendHealth {

  /** What a check's outcome did to its backend. */
  enum Change {
    /** Nothing: the backend stays as it was. */
    NONE,
    /** It was up and is now down. */
    DOWN,
    /** It was down and is now up. */
    UP
  }

  private final LoadBalancer.HealthChecks policy;
  private final boolean[] down;
  // Checks in a row whose outcome disagrees with the backend's state: failures while it is up,
  // passes while it is down.
  private final int[] streak;
  // The round of the check that awaits an answer, per backend; -1 if none does.
  private final long[] awaited;
  private int upCount;

  /** Every one of {@code backends} backends up, checked as {@code policy} says. */
  BackendHealth(LoadBalancer.HealthChecks policy, int backends) {
    this.policy = policy;
    this.down = new boolean[backends];
    this.streak = new int[backends];
    this.awaited = new long[backends];
    Arrays.fill(awaited, -1);
    this.upCount = backends;
  }

  /** Whether {@code backend} is up. */
  boolean up(int backend) {
    return !down[backend];
  }

  /** Backends up. */
  int upCount() {
    return upCount;
  }

  /**
   * A check of round {@code round} is sent to {@code backend}; a check of an earlier round that
   * still awaits its answer has failed.
   */
  Change checking(int backend, long round) {
    Change change = awaited[backend] >= 0 ? outcome(backend, false) : Change.NONE;
    awaited[backend] = round;
    return change;
  }

  /** {@code backend} answered the check of round {@code round}. */
  Change answered(int backend, long round) {
    return awaited[backend] == round ? outcome(backend, true) : Change.NONE;
  }

  /** The check of round {@code round} has had its time: if {@code backend} has not answered it, it failed. */
  Change expired(int backend, long round) {
    return awaited[backend] == round ? outcome(backend, false) : Change.NONE;
  }

  private Change outcome(int backend, boolean passed) {
    awaited[backend] = -1;
    if (passed == down[backend]) {
      streak[backend]++;
    } else {
      streak[backend] = 0;
    }
    if (!down[backend] && streak[backend] >= policy.unhealthyAfter()) {
      down[backend] = true;
      streak[backend] = 0;
      upCount--;
      return Change.DOWN;
    }
    if (down[backend] && streak[backend] >= policy.healthyAfter()) {
      down[backend] = false;
      streak[backend] = 0;
      upCount++;
      return Change.UP;
    }
    return Change.NONE;
  }
}
