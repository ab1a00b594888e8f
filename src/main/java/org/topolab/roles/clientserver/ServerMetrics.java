package org.topolab.roles.clientserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.topolab.metrics.Json;
import org.topolab.metrics.TimeWeighted;
import org.topolab.node.RunWindow;
import org.topolab.role.GroupMetrics;
import org.topolab.role.SummaryRow;

/**
 * What the servers of one group measure together: busy workers, queue length, work done, and at
 * the door, requests that access control did not allow (and of those, the ones served anyway) and
 * requests over the rate limit. Door counts go by the request's arrival.
 */
public final class ServerMetrics implements GroupMetrics<ServerMetrics> {

  private final RunWindow window;
  private final int servers;
  private final int workers;
  private final TimeWeighted busy;
  private final TimeWeighted queue;
  private long served;
  private long rejected;
  private long unauthorised;
  private long unauthorisedServed;
  private long rateLimited;

  /** Metrics of {@code servers} servers of {@code workers} workers each. */
  public ServerMetrics(RunWindow window, int servers, int workers) {
    this.window = window;
    this.servers = servers;
    this.workers = workers;
    this.busy = new TimeWeighted(window);
    this.queue = new TimeWeighted(window);
  }

  void busy(long now, int delta) {
    busy.add(now, delta);
  }

  void queued(long now, int delta) {
    queue.add(now, delta);
  }

  synchronized void served(long now) {
    if (window.measures(now)) {
      served++;
    }
  }

  synchronized void rejected(long now) {
    if (window.measures(now)) {
      rejected++;
    }
  }

  /** A request arrived that the access-control list does not allow. */
  synchronized void unauthorised(long now) {
    if (window.measures(now)) {
      unauthorised++;
    }
  }

  /** A request that the list does not allow was taken to be served: the list is not enforced. */
  synchronized void unauthorisedServed(long now) {
    if (window.measures(now)) {
      unauthorisedServed++;
    }
  }

  /** A request was refused for its client's rate. */
  synchronized void rateLimited(long now) {
    if (window.measures(now)) {
      rateLimited++;
    }
  }

  @Override
  public synchronized void merge(ServerMetrics other) {
    synchronized (other) {
      busy.merge(other.busy);
      queue.merge(other.queue);
      served += other.served;
      rejected += other.rejected;
      unauthorised += other.unauthorised;
      unauthorisedServed += other.unauthorisedServed;
      rateLimited += other.rateLimited;
    }
  }

  /** Mean fraction of the group's workers that were busy over the measured window. */
  public double utilisation() {
    return busy.windowMean() / ((double) servers * workers);
  }

  /** Writes {@code utilisation}, {@code queue-length}, {@code served}, {@code rejected}, {@code series}. */
  public synchronized void write(ObjectNode group) {
    group.put("utilisation", Json.round(utilisation(), 4));
    group.put("queue-length", Json.round(queue.windowMean() / servers, 3));
    group.put("served", served);
    group.put("rejected", rejected);
    group.put("served-per-s", Json.round(served / window.seconds(), 3));
    ObjectNode series = group.putObject("series");
    series.put("interval-s", Json.seconds(window.intervalNanos()));
    double[] utilisation = busy.series();
    for (int i = 0; i < utilisation.length; i++) {
      utilisation[i] /= (double) servers * workers;
    }
    series.set("utilisation", Json.array(utilisation, 4));
    double[] queueLength = queue.series();
    for (int i = 0; i < queueLength.length; i++) {
      queueLength[i] /= servers;
    }
    series.set("queue-length", Json.array(queueLength, 3));
  }

  /**
   * Writes {@code security}: {@code protected} (whether access control was enforced), {@code
   * unauthorised-attempts}, {@code unauthorised-served} and {@code rate-limited}.
   */
  public synchronized void writeSecurity(ObjectNode group, boolean enforced) {
    ObjectNode security = group.putObject("security");
    security.put("protected", enforced);
    security.put("unauthorised-attempts", unauthorised);
    security.put("unauthorised-served", unauthorisedServed);
    security.put("rate-limited", rateLimited);
  }

  /** Puts the door's counts into the summary row: unauthorised requests, those served, those rate-limited. */
  public synchronized void summarizeSecurity(String group, SummaryRow row) {
    row.put(group + " unauth", Long.toString(unauthorised));
    row.putHeadline(group + " unauth served", Long.toString(unauthorisedServed));
    row.put(group + " limited", Long.toString(rateLimited));
  }
}
