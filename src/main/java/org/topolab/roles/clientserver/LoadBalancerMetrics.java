package org.topolab.roles.clientserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.topolab.metrics.Json;
import org.topolab.node.RunWindow;
import org.topolab.role.GroupMetrics;

/** What the load balancers of one group count: requests forwarded to each backend, failures. */
public final class LoadBalancerMetrics implements GroupMetrics<LoadBalancerMetrics> {

  private final RunWindow window;
  private final long[] perBackend;
  private long failed;

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

  /** Requests forwarded to each backend, by backend index. */
  @Override
  public synchronized void merge(LoadBalancerMetrics other) {
    synchronized (other) {
      for (int i = 0; i < perBackend.length; i++) {
        perBackend[i] += other.perBackend[i];
      }
      failed += other.failed;
    }
  }

  public synchronized long[] perBackend() {
    return perBackend.clone();
  }

  /** Writes {@code forwarded}, {@code failed} and {@code forwarded-per-backend} (min, mean, max). */
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
    ObjectNode spread = group.putObject("forwarded-per-backend");
    spread.put("min", perBackend.length == 0 ? 0 : min);
    spread.put("mean", Json.round(perBackend.length == 0 ? 0 : (double) total / perBackend.length, 3));
    spread.put("max", max);
  }
}
