package org.topolab.roles.updates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.topolab.metrics.Json;
import org.topolab.network.NetMessage;
import org.topolab.node.RunWindow;
import org.topolab.role.GroupMetrics;
import org.topolab.role.SummaryRow;

/**
 * How fast and at what cost the versions of an item reached the nodes of one receiving group,
 * however they travelled (pushed, polled or gossiped). A node has version v once it holds v or any
 * later version. Coverage p% of an update is the time from its release until ceil(p% of N) of the
 * group's N nodes had it. Only updates released inside the measured window count.
 */
public final class UpdateMetrics implements GroupMetrics<UpdateMetrics> {

  /** The coverage levels reported, in percent of the group's nodes. */
  public static final int[] LEVELS = {50, 90, 99, 100};

  private final RunWindow window;
  private final int nodes;
  // Release time of each version seen so far (index v - 1), learnt from the updates themselves.
  private long[] releases = new long[0];
  // Per version (index v - 1): the delays in nanoseconds from its release until each node that had
  // it got it, in the first counts[v - 1] places, in no particular order. Arrays, not a list of
  // objects, so that a cluster member's snapshot of the metrics can be restored.
  private long[][] delays = new long[0][];
  private int[] counts = new int[0];
  private long messages;
  private long bytes;
  private long deliveries;
  private long redundant;

  /** Metrics of a group of {@code nodes} receivers. */
  public UpdateMetrics(RunWindow window, int nodes) {
    this.window = window;
    this.nodes = nodes;
  }

  /**
   * A node that had version {@code had} (0 for none) got {@code update}, newer, at {@code now}: it
   * has every version from {@code had + 1} to the update's.
   */
  public synchronized void reached(int had, Update update, long now) {
    learn(update.releases());
    for (int v = had + 1; v <= update.version(); v++) {
      add(v, now - update.releasedAt(v));
    }
  }

  /** A node of the group received {@code message} at {@code now}; every protocol message counts. */
  public synchronized void received(long now, NetMessage message) {
    if (window.measures(now)) {
      messages++;
      bytes += message.sizeBytes();
    }
  }

  /** A node received an update's content at {@code now}; {@code useless} if it had that version already. */
  public synchronized void delivered(long now, boolean useless) {
    if (window.measures(now)) {
      deliveries++;
      if (useless) {
        redundant++;
      }
    }
  }

  @Override
  public synchronized void merge(UpdateMetrics other) {
    synchronized (other) {
      learn(other.releases);
      for (int v = 1; v <= other.releases.length; v++) {
        for (int i = 0; i < other.counts[v - 1]; i++) {
          add(v, other.delays[v - 1][i]);
        }
      }
      messages += other.messages;
      bytes += other.bytes;
      deliveries += other.deliveries;
      redundant += other.redundant;
    }
  }

  /** Versions released inside the measured window, as far as the group has heard of them. */
  public synchronized int released() {
    int count = 0;
    for (long release : releases) {
      if (window.measures(release)) {
        count++;
      }
    }
    return count;
  }

  /**
   * Mean over the measured updates that reached {@code percent} of the nodes of the time they took
   * to, in seconds; NaN if none did.
   */
  public synchronized double coverageSeconds(int percent) {
    double sum = 0;
    int reached = 0;
    for (int v = 1; v <= releases.length; v++) {
      if (window.measures(releases[v - 1])) {
        long delay = coverage(v, percent);
        if (delay >= 0) {
          sum += delay;
          reached++;
        }
      }
    }
    return reached == 0 ? Double.NaN : Json.seconds(sum / reached);
  }

  /**
   * Writes {@code updates}: {@code released}, {@code coverage-s} and {@code reached} per level,
   * {@code messages-per-node}, {@code bytes-per-node} and {@code redundant-deliveries} (each per
   * node and update), {@code messages-per-node-per-s}, and {@code per-update}. The caller may add
   * {@code theory} to the object returned.
   */
  public synchronized ObjectNode write(ObjectNode group) {
    ObjectNode out = group.putObject("updates");
    int released = released();
    out.put("nodes", nodes);
    out.put("released", released);
    ObjectNode coverage = out.putObject("coverage-s");
    ObjectNode reached = out.putObject("reached");
    for (int level : LEVELS) {
      put(coverage, Integer.toString(level), Json.round(coverageSeconds(level), 6));
      reached.put(Integer.toString(level), reachedCount(level));
    }
    double perNodeAndUpdate = (double) nodes * released;
    put(out, "messages-per-node", Json.round(messages / perNodeAndUpdate, 4));
    put(out, "bytes-per-node", Json.round(bytes / perNodeAndUpdate, 1));
    put(out, "redundant-deliveries", Json.round(redundant / perNodeAndUpdate, 4));
    out.put("messages-per-node-per-s", Json.round(messages / (nodes * window.seconds()), 4));
    out.put("deliveries", deliveries);
    var perUpdate = out.putArray("per-update");
    for (int v = 1; v <= releases.length; v++) {
      if (!window.measures(releases[v - 1])) {
        continue;
      }
      ObjectNode update = perUpdate.addObject();
      update.put("version", v);
      update.put("released-s", Json.seconds(releases[v - 1]));
      ObjectNode levels = update.putObject("coverage-s");
      for (int level : LEVELS) {
        long delay = coverage(v, level);
        put(levels, Integer.toString(level), delay < 0 ? Double.NaN : Json.seconds(delay));
      }
    }
    return out;
  }

  /** Puts the group's time to 99% coverage (headline) and messages per node into the summary row. */
  public synchronized void summarize(String group, SummaryRow row) {
    double seconds = coverageSeconds(99);
    row.putHeadline(group + " 99% s", Double.isNaN(seconds) ? "-" : String.format("%.3f", seconds));
    int released = released();
    row.put(group + " msgs/node", released == 0 ? "-" : String.format("%.2f", messages / ((double) nodes * released)));
  }

  /** The nearest rank of {@code percent}% of {@code nodes}: ceil(percent / 100 × nodes), in whole numbers. */
  static int rank(int percent, int nodes) {
    return (int) (((long) percent * nodes + 99) / 100);
  }

  private int reachedCount(int percent) {
    int count = 0;
    for (int v = 1; v <= releases.length; v++) {
      if (window.measures(releases[v - 1]) && coverage(v, percent) >= 0) {
        count++;
      }
    }
    return count;
  }

  private void learn(long[] known) {
    if (known.length > releases.length) {
      releases = known.clone();
      delays = Arrays.copyOf(delays, releases.length);
      counts = Arrays.copyOf(counts, releases.length);
    }
  }

  private void add(int version, long delay) {
    int v = version - 1;
    if (delays[v] == null) {
      delays[v] = new long[16];
    } else if (counts[v] == delays[v].length) {
      delays[v] = Arrays.copyOf(delays[v], counts[v] * 2);
    }
    delays[v][counts[v]++] = delay;
  }

  /** The delay until the nearest rank of {@code percent}% of the nodes had {@code version}, or -1 if fewer did. */
  private long coverage(int version, int percent) {
    int rank = rank(percent, nodes);
    int count = counts[version - 1];
    if (rank == 0) {
      return 0;
    }
    if (rank > count) {
      return -1;
    }
    // Sorting sorted values again is quick, and keeps no state that a snapshot would have to carry.
    Arrays.sort(delays[version - 1], 0, count);
    return delays[version - 1][rank - 1];
  }

  private static void put(ObjectNode out, String key, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      out.putNull(key);
    } else {
      out.put(key, value);
    }
  }
}
