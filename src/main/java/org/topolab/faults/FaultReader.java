package org.topolab.faults;

import java.util.ArrayList;
import java.util.List;
import org.topolab.network.LinkDegradation;
import org.topolab.node.RunWindow;
import org.topolab.node.Seeds;
import org.topolab.node.Topology;
import org.topolab.settings.Settings;

/**
 * Reads a scenario's {@code faults} list: each entry a {@code kind}, a time ({@code at}, or {@code
 * every} with {@code start} and {@code end}), a target and, for faults that last, {@code for}.
 * Problems are recorded, not thrown; an entry with one is left out.
 */
public final class FaultReader {

  /** The most times one repeating entry may happen. */
  static final long MAX_OCCURRENCES = 100_000;

  private static final String EXAMPLE = "{ at = 60s, kind = crash, node = servers-0, for = 30s }";

  private final Topology topology;
  private final RunWindow window;
  private final long seed;

  /** A reader for a run of {@code topology} over {@code window}, drawing from {@code seed}. */
  public FaultReader(Topology topology, RunWindow window, long seed) {
    this.topology = topology;
    this.window = window;
    this.seed = seed;
  }

  /** Every fault of the {@code faults} list of {@code top}, at each of its times. */
  public List<Fault> read(Settings top) {
    List<Fault> faults = new ArrayList<>();
    List<Settings> entries = top.objects("faults", EXAMPLE);
    for (int i = 0; i < entries.size(); i++) {
      faults.addAll(entry(entries.get(i), i));
    }
    return faults;
  }

  private List<Fault> entry(Settings in, int number) {
    String kindName = in.choice("kind", null, FaultKind.keys());
    if (kindName == null) {
      return List.of(); // the other keys mean nothing until the kind is right
    }
    FaultKind kind = FaultKind.of(kindName);
    long[] times = times(in);
    long length = length(in, kind);
    Target target = target(in, kind);
    LinkDegradation degradation = kind == FaultKind.DEGRADE ? degradation(in) : null;
    in.finish();
    List<Fault> faults = new ArrayList<>();
    if (target == Target.NONE && kind != FaultKind.HEAL) {
      return faults;
    }
    // A partition of listed groups cuts them apart; any other partition isolates its nodes.
    boolean sides = kind == FaultKind.PARTITION && in.has("groups");
    for (int k = 0; k < times.length; k++) {
      long start = times[k];
      int[] nodes = target.resolve(Seeds.forRun(seed, ((long) number << 32) + k));
      long end = !kind.lasts() ? start : length == Fault.NEVER ? Fault.NEVER : start + length;
      faults.add(new Fault(
          kind,
          start,
          end,
          sides ? new int[0] : nodes,
          sides ? target.groups() : List.of(),
          degradation,
          describe(kind, target, nodes, sides),
          "faults[" + number + "]"));
    }
    return faults;
  }

  private String describe(FaultKind kind, Target target, int[] nodes, boolean sides) {
    if (kind == FaultKind.HEAL) {
      return "every partition";
    }
    if (sides) {
      return target.groupNames(" | ");
    }
    String names = Target.describe(nodes, topology);
    return kind == FaultKind.PARTITION ? names + " (isolated)" : names;
  }

  /** When the entry happens: at {@code at}, or every {@code every} from {@code start} to {@code end}. */
  private long[] times(Settings in) {
    boolean once = in.has("at");
    boolean repeating = in.has("every");
    if (once == repeating) {
      in.problem(
          "at",
          once ? "give either at (once) or every (repeating), not both" : "a fault needs at = 60s (once) or every = 60s (repeating)");
      return new long[0];
    }
    if (once) {
      for (String key : List.of("start", "end")) {
        if (in.has(key)) {
          in.problem(key, "goes with every: it bounds a repeating fault; at gives a single time");
        }
      }
      long at = in.duration("at", null, 0);
      return withinRun(in, "at", at) ? new long[] {at} : new long[0];
    }
    long every = in.duration("every", null, 1);
    long start = in.duration("start", every, 0);
    long end = in.duration("end", window.endNanos(), 1);
    if (!withinRun(in, "start", start) || (in.has("end") && !withinRun(in, "end", end - 1))) {
      return new long[0];
    }
    if (end <= start) {
      in.problem("end", "must be after start (" + seconds(start) + " s)");
      return new long[0];
    }
    long count = (end - start + every - 1) / every;
    if (count > MAX_OCCURRENCES) {
      in.problem("every", "happens " + count + " times between start and end; at most " + MAX_OCCURRENCES + " are allowed");
      return new long[0];
    }
    long[] times = new long[(int) count];
    for (int k = 0; k < times.length; k++) {
      times[k] = start + k * every;
    }
    return times;
  }

  private boolean withinRun(Settings in, String key, long time) {
    if (time >= window.endNanos()) {
      in.problem(key, seconds(time) + " s is past the run's end (duration = " + seconds(window.endNanos())
          + " s): a fault happens while the run goes on");
      return false;
    }
    return true;
  }

  /** How long each occurrence lasts ({@code for}), or NEVER. */
  private static long length(Settings in, FaultKind kind) {
    if (!kind.lasts()) {
      if (in.has("for")) {
        in.problem("for", "a " + kind.key() + " happens at an instant and does not last"
            + (kind == FaultKind.RESTART ? "; to bring a node back after a while, give the crash a for" : ""));
      }
      return 0;
    }
    return in.has("for") ? in.duration("for", null, 1) : Fault.NEVER;
  }

  private Target target(Settings in, FaultKind kind) {
    if (kind == FaultKind.HEAL) {
      if (Target.given(in)) {
        in.problem(Target.KEYS.stream().filter(in::has).findFirst().orElse("node"), "a heal ends every partition: it takes no target");
      }
      return Target.NONE;
    }
    Target target = Target.read(in, topology);
    if (kind == FaultKind.PARTITION && in.has("groups") && target.groups().size() == 1) {
      in.problem("groups", "a partition cuts at least two groups apart, such as [clients, servers]; to cut a group off"
          + " from everything, give group = " + target.groups().get(0).name());
      return Target.NONE;
    }
    return target;
  }

  private static LinkDegradation degradation(Settings in) {
    if (!in.has("latency") && !in.has("loss") && !in.has("bandwidth")) {
      in.problem("kind", "a degrade changes the links of its nodes: give latency (added, such as 200ms), loss (such as 0.1)"
          + " or bandwidth (such as 1Mbps), or several");
    }
    long latency = in.duration("latency", 0L, 0);
    double loss = in.number("loss", 0.0, 0.0, 1.0);
    double bandwidth = in.has("bandwidth") ? in.bandwidth("bandwidth", Double.POSITIVE_INFINITY) : Double.NaN;
    if (in.has("bandwidth") && !(bandwidth > 0)) {
      in.problem("bandwidth", "must be above 0; a link that carries nothing is a partition");
    }
    return new LinkDegradation(latency, loss, bandwidth);
  }

  private static String seconds(long nanos) {
    double seconds = nanos / 1e9;
    return seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds);
  }
}
