package org.topolab.roles.updates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.topolab.metrics.Json;
import org.topolab.node.RunWindow;
import org.topolab.role.GroupMetrics;
import org.topolab.role.SummaryRow;

/**
 * The load on a publisher group: versions released, and the messages and bytes it sent (pushes
 * and answers to polls) and received (polls), counted when they happen inside the measured window.
 */
public final class PublisherMetrics implements GroupMetrics<PublisherMetrics> {

  private final RunWindow window;
  private final long updateBytes;
  private final String pushTo;
  private final int pushedPerUpdate;
  private final double theoryPushSeconds;
  private long releases;
  private long messagesSent;
  private long bytesSent;
  private long polls;

  /**
   * Metrics of publishers that behave as {@code spec} says, over uplinks of {@code
   * uplinkBitsPerSecond}. They keep plain values only, so that a cluster member's snapshot of them
   * can be restored.
   */
  public PublisherMetrics(RunWindow window, Publisher.Spec spec, double uplinkBitsPerSecond) {
    this.window = window;
    this.updateBytes = spec.updateBytes();
    this.pushTo = spec.pushTo() == null ? null : spec.pushTo().name();
    this.pushedPerUpdate = spec.pushCount();
    // N × (update message bytes) × 8 / uplink: how long the uplink takes to push one version to all.
    this.theoryPushSeconds =
        spec.pushesToAll() ? spec.pushCount() * spec.updateMessageBytes() * 8.0 / uplinkBitsPerSecond : Double.NaN;
  }

  synchronized void released(long now) {
    if (window.measures(now)) {
      releases++;
    }
  }

  synchronized void sent(long now, long bytes) {
    if (window.measures(now)) {
      messagesSent++;
      bytesSent += bytes;
    }
  }

  synchronized void polled(long now) {
    if (window.measures(now)) {
      polls++;
    }
  }

  @Override
  public synchronized void merge(PublisherMetrics other) {
    synchronized (other) {
      releases += other.releases;
      messagesSent += other.messagesSent;
      bytesSent += other.bytesSent;
      polls += other.polls;
    }
  }

  /** Versions released inside the measured window. */
  public synchronized long releases() {
    return releases;
  }

  /** Bytes sent per version released, over the measured window; NaN if none was released. */
  public synchronized double bytesPerUpdate() {
    return releases == 0 ? Double.NaN : (double) bytesSent / releases;
  }

  /**
   * Seconds the uplink needs to push one version to every node of the push group, N × (update
   * message bytes) × 8 / uplink; NaN unless the publisher pushes to all of them.
   */
  public double theoryPushSeconds() {
    return theoryPushSeconds;
  }

  /**
   * Writes {@code publisher}: {@code releases}, {@code update-bytes}, {@code push-to}, {@code
   * pushed-per-update}, {@code messages-sent}, {@code bytes-sent}, {@code messages-received},
   * {@code polls}, {@code messages-per-update}, {@code bytes-per-update} and {@code theory.push-s}.
   */
  public synchronized ObjectNode write(ObjectNode group) {
    ObjectNode out = group.putObject("publisher");
    out.put("releases", releases);
    out.put("update-bytes", updateBytes);
    out.put("push-to", pushTo);
    out.put("pushed-per-update", pushedPerUpdate);
    out.put("messages-sent", messagesSent);
    out.put("bytes-sent", bytesSent);
    // A publisher receives nothing but polls.
    out.put("messages-received", polls);
    out.put("polls", polls);
    put(out, "messages-per-update", releases == 0 ? Double.NaN : Json.round((double) messagesSent / releases, 4));
    put(out, "bytes-per-update", Json.round(bytesPerUpdate(), 1));
    put(out.putObject("theory"), "push-s", Json.round(theoryPushSeconds, 6));
    return out;
  }

  /** Puts the bytes sent per version (headline) and the polls per second into the summary row. */
  public synchronized void summarize(String group, SummaryRow row) {
    double bytes = bytesPerUpdate();
    row.putHeadline(group + " MB/update", Double.isNaN(bytes) ? "-" : String.format("%.3f", bytes / 1e6));
    row.put(group + " polls/s", String.format("%.1f", polls / window.seconds()));
  }

  private static void put(ObjectNode out, String key, double value) {
    if (Double.isNaN(value)) {
      out.putNull(key);
    } else {
      out.put(key, value);
    }
  }
}
