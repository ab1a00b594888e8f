package org.topolab.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.topolab.distribution.Distribution;
import org.topolab.node.GroupInfo;
import org.topolab.node.RunWindow;
import org.topolab.node.Seeds;
import org.topolab.settings.Settings;

/**
 * A group's {@code churn}: a {@code fraction} of its nodes, drawn from the seed, come and go from
 * {@code start} on. Each is up for a {@code session} drawn from a distribution, crashes, stays
 * down for a {@code downtime} drawn from another, restarts as a fresh node, and so on to the end of
 * the run.
 *
 * @param fraction the part of the group that churns
 * @param session how long a node stays up each time
 * @param downtime how long it stays down each time
 * @param startNanos when the first sessions start
 */
public record Churn(double fraction, Distribution session, Distribution downtime, long startNanos) {

  /** The most sessions the churn of one run may end. */
  static final int MAX_SESSIONS = 1_000_000;

  /**
   * Session lengths measured in BitTorrent swarms, as Weibull fits (shape k, scale in minutes):
   * Stutzbach and Rejaie, "Understanding Churn in Peer-to-Peer Networks", IMC 2006.
   */
  static final Map<String, Distribution> PRESETS = presets();

  private static Map<String, Distribution> presets() {
    Map<String, Distribution> presets = new LinkedHashMap<>();
    double minute = 60e9;
    presets.put("bittorrent-debian", Distribution.Weibull.ofScale(0.38, 42.4 * minute));
    presets.put("bittorrent-redhat", Distribution.Weibull.ofScale(0.34, 21.3 * minute));
    presets.put("bittorrent-flatout", Distribution.Weibull.ofScale(0.59, 41.9 * minute));
    return presets;
  }

  /** Reads a group's {@code churn} object; null if it has a problem. */
  public static Churn read(Settings in) {
    double fraction = in.number("fraction", 1.0, 0.0, 1.0);
    long start = in.duration("start", 0L, 0);
    Distribution session = null;
    if (in.has("preset")) {
      String preset = in.choice("preset", null, List.copyOf(PRESETS.keySet()));
      if (in.has("session")) {
        in.problem("session", "give either preset (a measured session length) or session, not both");
      }
      session = preset == null ? null : PRESETS.get(preset);
    } else if (!in.has("session")) {
      in.problem("session", "churn needs a session length: session = { distribution = weibull, shape = 0.5, mean = 10min },"
          + " or preset = one of " + String.join(", ", PRESETS.keySet()));
    } else {
      session = withMean(in, "session");
    }
    Distribution downtime = withMean(in, "downtime");
    in.finish();
    return session == null || downtime == null ? null : new Churn(fraction, session, downtime, start);
  }

  /** The distribution under {@code key}, which must have a finite mean above 0; null if it has not. */
  private static Distribution withMean(Settings in, String key) {
    Distribution distribution = in.distribution(key, Settings.Quantity.DURATION, null);
    if (!in.has(key)) {
      return null;
    }
    double mean = distribution.mean();
    if (Double.isInfinite(mean) || Double.isNaN(mean)) {
      in.problem(key, "has no mean (a pareto's is infinite for a shape of 1 or less): churn needs a finite mean;"
          + " give a shape above 1, or weibull { shape = 0.5, mean = 10min }");
      return null;
    }
    if (!(mean >= 1)) {
      in.problem(key, "must be above 0 on average, or nodes would come and go at the same instant");
      return null;
    }
    return distribution;
  }

  /**
   * The crashes that this churn makes of {@code group}'s nodes over {@code window}, each ending at
   * the node's restart (never, if that falls after the end); a problem in {@code in} if there are
   * more than {@link #MAX_SESSIONS}.
   */
  public List<Fault> faults(GroupInfo group, long seed, RunWindow window, Settings in) {
    int count = (int) Math.round(fraction * group.count());
    int[] nodes = Target.pick(group, count, Seeds.forRun(seed, -1L - group.first()));
    List<Fault> faults = new ArrayList<>();
    String source = "churn of " + group.name();
    long end = window.endNanos();
    for (int node : nodes) {
      SplittableRandom random = Seeds.forNode(seed, node, Seeds.CHURN);
      String name = group.count() == 1 ? group.name() : group.name() + "-" + (node - group.first());
      long up = startNanos;
      while (true) {
        long crash = up + Math.max(1, session.sampleLong(random));
        if (crash >= end) {
          break;
        }
        long restart = crash + Math.max(1, downtime.sampleLong(random));
        faults.add(new Fault(FaultKind.CRASH, crash, restart >= end ? Fault.NEVER : restart, new int[] {node}, List.of(), null, name, source));
        if (faults.size() > MAX_SESSIONS) {
          in.problem("session", "ends more than " + MAX_SESSIONS + " sessions over the run: sessions this short call for a"
              + " shorter run or fewer nodes");
          return List.of();
        }
        if (restart >= end) {
          break;
        }
        up = restart;
      }
    }
    return faults;
  }
}
