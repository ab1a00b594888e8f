package org.topolab.roles.discovery;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.topolab.distribution.Distribution;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;
import org.topolab.role.GroupSettings;
import org.topolab.settings.Settings;

/**
 * The lookups every discovery role serves, read from a group's keys: a {@link Catalogue} of
 * {@code items} items on {@code replicas} nodes each, Zipf popularity with exponent {@code zipf},
 * and each node looking items up as a Poisson process of rate {@code lookup-rate}. Nodes join at
 * uniformly random times within the first {@code join-within} of the run (half the warm-up unless
 * set, and never past it, so that the measured lookups see the whole group); a node looks items up
 * from the end of that join phase, or from when it has joined if that is later. A role may reserve
 * the first nodes of its group for a service (a central index): they hold no items and look
 * nothing up, and the catalogue is placed on the others, its peers, peer p being node reserved + p.
 * See docs/discovery.md.
 */
public final class LookupWorkload {

  /** The most items a catalogue may have: its popularity table takes 8 bytes per item. */
  public static final int MAX_ITEMS = 1_000_000;

  /** The most placements (items x replicas): each takes 8 bytes. */
  public static final long MAX_PLACEMENTS = 20_000_000;

  private final Catalogue catalogue;
  private final Zipf popularity;
  private final double lookupsPerSecond;
  private final Distribution gaps;
  private final long joinWithinNanos;

  private final int reserved;

  private LookupWorkload(int reserved, Catalogue catalogue, Zipf popularity, double lookupsPerSecond, long joinWithinNanos) {
    this.reserved = reserved;
    this.catalogue = catalogue;
    this.popularity = popularity;
    this.lookupsPerSecond = lookupsPerSecond;
    this.gaps = new Distribution.Exponential(1e9 / lookupsPerSecond);
    this.joinWithinNanos = joinWithinNanos;
  }

  /**
   * Reads {@code items}, {@code zipf}, {@code replicas}, {@code lookup-rate} and {@code join-within}
   * from the group's keys; a bad value is a problem recorded there, and a value that still lets the
   * catalogue be built is used instead.
   */
  public static LookupWorkload read(GroupSettings group) {
    return read(group, 0);
  }

  /**
   * As {@link #read(GroupSettings)}, with the group's first {@code reserved} nodes (fewer than it
   * has) left out of the catalogue and the lookups.
   */
  public static LookupWorkload read(GroupSettings group, int reserved) {
    Settings in = group.settings();
    GroupInfo nodes = group.group();
    int peers = nodes.count() - reserved;
    int items = in.integer("items", 1000, 1, MAX_ITEMS);
    double zipf = in.number("zipf", 1.0, 0, 10);
    int replicas = in.integer("replicas", Math.min(3, peers), 1, Integer.MAX_VALUE);
    if (replicas > peers) {
      String what = reserved == 0 ? "nodes" : "peers (nodes other than the " + reserved + " that serve)";
      in.problem("replicas", replicas + " copies of each item need a group of at least " + replicas + " " + what + "; '"
          + nodes.name() + "' has " + peers);
      replicas = peers;
    }
    if ((long) items * replicas > MAX_PLACEMENTS) {
      in.problem("replicas", items + " items x " + replicas + " replicas is more than the " + MAX_PLACEMENTS
          + " placements a catalogue may have; fewer items or replicas");
      replicas = 1;
    }
    double rate = in.rate("lookup-rate", 0.1);
    long warmup = group.window().warmupNanos();
    long joinWithin = in.duration("join-within", warmup / 2, 0);
    if (joinWithin > warmup) {
      in.problem("join-within", "nodes join until " + seconds(joinWithin) + " but the measured window starts at warmup = "
          + seconds(warmup) + ": lookups would be measured while nodes still join; set warmup to at least "
          + seconds(joinWithin) + " (a few seconds more lets the items be stored first), or shorten join-within");
      joinWithin = warmup;
    }
    return new LookupWorkload(reserved, new Catalogue(group.seed(), peers, items, replicas), new Zipf(items, zipf), rate, joinWithin);
  }

  private static String seconds(long nanos) {
    return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString() + "s";
  }

  /** The nodes at the start of the group that are left out of the catalogue and the lookups. */
  public int reserved() {
    return reserved;
  }

  /** Where the items live, by peer (node index minus {@link #reserved()}). */
  public Catalogue catalogue() {
    return catalogue;
  }

  /** How popular each item is. */
  public Zipf popularity() {
    return popularity;
  }

  /** Lookups per second per node. */
  public double lookupsPerSecond() {
    return lookupsPerSecond;
  }

  /** The length of the join phase, in nanoseconds. */
  public long joinWithinNanos() {
    return joinWithinNanos;
  }

  /** When a node joins, from the start of the run: uniform over the join phase. */
  public long joinDelay(SplittableRandom random) {
    return joinWithinNanos == 0 ? 0 : random.nextLong(joinWithinNanos);
  }

  /** The time from one lookup of a node to its next: exponential, for a Poisson process. */
  public long nextGap(SplittableRandom random) {
    return gaps.sampleLong(random);
  }

  /**
   * The item that peer {@code peer} (its index in the catalogue) looks up next, drawn by
   * popularity; -1 if it drew an item it holds itself, which needs no lookup.
   */
  public int draw(int peer, SplittableRandom random) {
    int item = popularity.sample(random);
    return catalogue.holds(peer, item) ? -1 : item;
  }

  /**
   * Whether the workload still runs at {@code node}'s time, so that a lookup is due; if it is, the
   * next {@code tick} is set one gap later.
   */
  public <T> boolean due(NodeContext node, ActorRef<T> self, T tick) {
    if (node.now() >= node.window().endNanos()) {
      return false;
    }
    node.after(nextGap(node.random()), self, tick);
    return true;
  }

  /** When a node that has joined at {@code now} makes its first lookup: one gap after the join phase, or after now if later. */
  public long firstLookupDelay(long now, SplittableRandom random) {
    return Math.max(0, joinWithinNanos - now) + nextGap(random);
  }
}
