package org.topolab.roles.clientserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.topolab.metrics.Json;
import org.topolab.node.RunWindow;
import org.topolab.role.GroupMetrics;

/**
 * What the load balancers of one group count: requests forwarded to each backend, failures,
 * health checks and what they found, failovers.
 */
public final class LoadBalancerMetrics implements GroupMetrics<LoadBalancerMetrics> {

  /** What a balancer counts besides its forwards, each written under its report field. */
  enum Event {
    /** A request answered FAILED: no backend answered in time. */
    FAILED("failed"),
    /** A request answered FAILED at once: every backend was down. */
    NO_BACKEND("no-backend"),
    /** A request sent to another backend. */
    FAILOVER("failovers"),
    /** A health check sent. */
    HEALTH_CHECK("health-checks"),
    /** A backend marked down. */
    BACKEND_DOWN("backends-down"),
    /** A backend marked up again. */
    BACKEND_UP("backends-up");

    private final String field;

    Event(String field) {
      this.field = field;
    }
  }

  private final RunWindow window;
  private final long[] perBackend;
  private final long[] events = new long[Event.values().length];

  /** Counts over {@code window} for {@code backends} backends. */
  public LoadBalancerMetrics(RunWindow window, int backends) {
    this.window = window;
    this.perBackend = new long[backends];
  }

  synchronized void forwarded(long now, int backend) {
    if (window.measures(now)) {
      perBackend[backend]++;
    }
  }

  synchronized void count(Event event, long now) {
    if (window.measures(now)) {
      events[event.ordinal()]++;
    }
  }

  @Override
  public synchronized void merge(LoadBalancerMetrics other) {
    synchronized (other) {
      for (int i = 0; i < perBackend.length; i++) {
        perBackend[i] += other.perBackend[i];
      }
      for (int i = 0; i < events.length; i++) {
        events[i] += other.events[i];
      }
    }
  }

  /** Requests forwarded to each backend, by backend index. */
  public synchronized long[] perBackend() {
    return perBackend.clone();
  }

  /** Writes {@code forwarded}, {@code forwarded-per-backend} (min, mean, max) and each {@link Event}'s count. */
  public synchronized void write(ObjectNode group) {
    long total = 0;
    long min = Long.MAX_VALUE;
    long max = 0;
    for (long count : perBackend) {
      total += count;
      min = Math.min(min, count);
      max = Math.max(max, count);
    }
    group.put("forwarded", total);
    ObjectNode spread = group.putObject("forwarded-per-backend");
    spread.put("min", perBackend.length == 0 ? 0 : min);
    spread.put("mean", Json.round(perBackend.length == 0 ? 0 : (double) total / perBackend.length, 3));
    spread.put("max", max);
    for (Event event : Event.values()) {
      group.put(event.field, events[event.ordinal()]);
    }
  }
}
