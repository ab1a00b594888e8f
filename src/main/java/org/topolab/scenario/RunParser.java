package org.topolab.scenario;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.topolab.cost.CostModel;
import org.topolab.distribution.Distribution;
import org.topolab.faults.Churn;
import org.topolab.faults.Fault;
import org.topolab.faults.FaultReader;
import org.topolab.faults.FaultSchedule;
import org.topolab.network.LinkSpec;
import org.topolab.node.GroupInfo;
import org.topolab.node.RunWindow;
import org.topolab.node.Topology;
import org.topolab.role.GroupModel;
import org.topolab.role.GroupSettings;
import org.topolab.role.Role;
import org.topolab.roles.RoleRegistry;
import org.topolab.settings.Problems;
import org.topolab.settings.Settings;
import org.topolab.time.TimeMode;

/** Reads one run's configuration into a {@link RunSetup}, recording every problem it finds. */
public final class RunParser {

  private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

  /** The most nodes a run may have. */
  public static final long MAX_NODES = 50_000_000;
  private static final long MAX_SERIES_POINTS = 100_000;
  private static final int MAX_PARTITION = 1_000_000;

  private final RoleRegistry roles;

  /** A parser that looks roles up in {@code roles}. */
  public RunParser(RoleRegistry roles) {
    this.roles = roles;
  }

  /** The run described by {@code spec}, or null if {@code problems} gained any. */
  public RunSetup parse(RunSpec spec, Problems problems) {
    Settings top = new Settings(spec.config().root(), spec.config().root().origin(), "", problems, null);
    top.string("name", "");
    top.string("description", "");
    top.string("variant", ScenarioLoader.DEFAULT_VARIANT); // the base variant's name, read by the loader
    top.raw("vars"); // values of the author's own, for ${vars.name} substitutions: free-form
    long seed = top.integer("seed", 1L, Long.MIN_VALUE, Long.MAX_VALUE);
    TimeMode time = TimeMode.valueOf(top.choice("time", "virtual", List.of("virtual", "real")).toUpperCase());
    double timeScale = top.number("time-scale", 1.0, 1e-3, 1e6);
    // A scenario written for real time may be run in virtual time with --time virtual: its
    // time-scale then waits for the next real-time run.
    boolean timeFromCommandLine =
        spec.config().hasPath("time") && spec.config().getValue("time").origin().description().startsWith("--set");
    if (time == TimeMode.VIRTUAL && top.has("time-scale") && !timeFromCommandLine) {
      top.problem("time-scale", "applies only with time = real: virtual time runs as fast as it can; remove it, or set time = real");
    }
    int before = problems.size();
    long duration = top.duration("duration", null, 1);
    boolean durationValid = problems.size() == before;
    long warmup = top.duration("warmup", 0L, 0);
    if (warmup >= duration && durationValid) {
      top.problem("warmup", "must be shorter than duration");
      warmup = 0;
    }
    Settings metrics = top.object("metrics");
    long interval = metrics.duration("interval", Math.max(1, duration / 100), 1);
    if (durationValid && duration / interval > MAX_SERIES_POINTS) {
      metrics.problem("interval", "too short for a duration of " + duration / 1_000_000_000.0 + " s: a time series keeps at most "
          + MAX_SERIES_POINTS + " points; use at least " + (duration / MAX_SERIES_POINTS / 1_000_000 + 1) + "ms");
      interval = Math.max(1, duration / 100);
    }
    metrics.finish();
    RunWindow window = new RunWindow(warmup, Math.max(duration, 1), interval);

    Settings network = top.object("network");
    Distribution latency =
        network.distribution("latency", Settings.Quantity.DURATION, new Distribution.Constant(0));
    double loss = network.number("loss", 0.0, 0.0, 0.999);
    network.finish();

    Settings groups = top.object("groups");
    if (groups.keys().isEmpty()) {
      problems.add(groups.origin(), "groups", "a scenario needs at least one group");
    }
    List<Settings> groupSettings = new ArrayList<>();
    List<GroupInfo> infos = new ArrayList<>();
    List<Role> groupRoles = new ArrayList<>();
    List<Integer> pins = new ArrayList<>();
    List<Churn> churns = new ArrayList<>();
    int next = 0;
    for (String name : groups.keys()) {
      ConfigValue raw = groups.raw(name);
      if (raw.valueType() == ConfigValueType.NULL) {
        continue; // a variant removed this group
      }
      if (!GROUP_NAME.matcher(name).matches()) {
        groups.problem(name, "a group name starts with a letter and has only letters, digits, '-' and '_'");
      }
      Settings group = groups.object(name);
      String roleName = group.string("role", null);
      long count = group.integer("count", 1L, 1, MAX_NODES);
      // Only a run split into partitions reads it; it never changes what a run measures.
      pins.add(group.has("partition") ? group.integer("partition", 0, 0, MAX_PARTITION) : RunSetup.SPREAD);
      Settings link = group.object("link");
      LinkSpec linkSpec =
          new LinkSpec(
              link.bandwidth("up", Double.POSITIVE_INFINITY),
              link.bandwidth("down", Double.POSITIVE_INFINITY),
              link.duration("latency", 0L, 0));
      link.finish();
      churns.add(group.has("churn") ? Churn.read(group.object("churn")) : null);
      Role role = null;
      if (roleName != null) {
        try {
          role = roles.find(roleName);
        } catch (IllegalArgumentException e) {
          group.problem("role", e.getMessage());
        }
      }
      if ((long) next + count > MAX_NODES) {
        group.problem("count", "the run would have more than " + MAX_NODES + " nodes");
        count = 1;
      }
      // A group whose role is missing or unknown has none, so that nothing else is judged against it.
      infos.add(new GroupInfo(name, role == null ? null : role.name(), next, (int) count, linkSpec));
      groupSettings.add(group);
      groupRoles.add(role);
      next += (int) count;
    }
    groups.finish();
    CostModel cost = CostModel.read(top);
    Topology topology = new Topology(infos);
    List<Fault> faults = new ArrayList<>(new FaultReader(topology, window, seed).read(top));
    for (int i = 0; i < infos.size(); i++) {
      if (churns.get(i) != null) {
        faults.addAll(churns.get(i).faults(infos.get(i), seed, window, groupSettings.get(i).object("churn")));
      }
    }
    FaultSchedule schedule = FaultSchedule.of(faults);

    List<GroupModel<?>> models = new ArrayList<>();
    for (int i = 0; i < infos.size(); i++) {
      Settings group = groupSettings.get(i);
      group.useTopology(topology);
      Role role = groupRoles.get(i);
      if (role != null) {
        models.add(role.configure(new GroupSettings(infos.get(i), group, window, seed, schedule.times())));
        group.finish();
      }
    }
    top.finish();
    if (!problems.isEmpty()) {
      return null;
    }
    return new RunSetup(spec, seed, time, timeScale, window, latency, loss, topology, models, pins, schedule, cost);
  }
}
