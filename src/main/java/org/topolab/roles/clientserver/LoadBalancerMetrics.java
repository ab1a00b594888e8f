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

  private final RunWindow window;
  private final long[] perBackend;
  private long failed;
  private long noBackend;
  private long failovers;
  private long healthChecks;
  private long backendsDown;
  private long backendsUp;

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

  synchronized void failed(long now) {
    if (window.measures(now)) {
      failed++;
    }
  }

  synchronized void noBackend(long now) {
    if (window.measures(now)) {
      noBackend++;
    }
  }

  synchronized void failedOver(long now) {
    if (window.measures(now)) {
      failovers++;
    }
  }

  synchronized void healthCheck(long now) {
    if (window.measures(now)) {
      healthChecks++;
    }
  }

  synchronized void backendDown(long now) {
    if (window.measures(now)) {
      backendsDown++;
    }
  }

  synchronized void backendUp(long now) {
    if (window.measures(now)) {
      backendsUp++;
    }
  }

  @Override
  public synchronized void merge(LoadBalancerMetrics other) {
    synchronized (other) {
      for (int i = 0; i < perBackend.length; i++) {
        perBackend[i] += other.perBackend[i];
      }
      failed += other.failed;
      noBackend += other.noBackend;
      failovers += other.failovers;
      healthChecks += other.healthChecks;
      backendsDown += other.backendsDown;
      backendsUp += other.backendsUp;
    }
  }

  /** Requests forwarded to each backend, by backend index. */
  public synchronized long[] perBackend() {
    return perBackend.clone();
  }

  /**
   * Writes {@code forwarded}, {@code failed}, {@code no-backend}, {@code failovers}, {@code
   * forwarded-per-backend} (min, mean, max), {@code health-checks}, {@code backends-down} and
   * {@code backends-up}.
   */
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
    group.put("failed", failed);
    group.put("no-backend", noBackend);
    group.put("failovers", failovers);
    ObjectNode spread = group.putObject("forwarded-per-backend");
    spread.put("min", perBackend.length == 0 ? 0 : min);
    spread.put("mean", Json.round(perBackend.length == 0 ? 0 : (double) total / perBackend.length, 3));
    spread.put("max", max);
    group.put("health-checks", healthChecks);
    group.put("backends-down", backendsDown);
    group.put("backends-up", backendsUp);
  }
}
