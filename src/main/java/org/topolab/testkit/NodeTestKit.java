package org.topolab.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.topolab.distribution.Distribution;
import org.topolab.engine.MeasuredGroup;
import org.topolab.engine.NodeFailures;
import org.topolab.metrics.Json;
import org.topolab.network.LinkSpec;
import org.topolab.network.NetMessage;
import org.topolab.network.Network;
import org.topolab.network.NodeTraffic;
import org.topolab.network.Receiver;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;
import org.topolab.node.RunContext;
import org.topolab.node.RunWindow;
import org.topolab.node.Seeds;
import org.topolab.node.Topology;
import org.topolab.role.GroupModel;
import org.topolab.settings.Units;
import org.topolab.time.VirtualExecutor;
import org.topolab.time.VirtualTime;

/**
 * Actor-level tests of a role in virtual time: nodes of the role run as real Pekko actors with a
 * real {@link NodeContext}, the test stands in for other nodes with {@link NodeProbe}s, and
 * simulated time moves only when the test says so. Nothing waits on the wall clock, so a test
 * gives the same answer on an idle laptop and on a busy build machine.
 *
 * <p>A kit is built from groups ({@link #builder()}) or from a scenario's text ({@link
 * #forScenario}), used from the thread that built it, and closed at the end of the test. See
 * docs/custom-roles.md.
 */
public final class NodeTestKit implements AutoCloseable {

  private final KitSystem system;
  private final Thread driver = Thread.currentThread();
  private final VirtualTime time;
  private final RunContext run;
  private final List<MeasuredGroup<?>> groups = new ArrayList<>();
  private final Duration within;
  private final NodeFailures failures = new NodeFailures();
  private final ActorRef<KitHost.Command> host;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private final List<Arrival<NetMessage>> unclaimed = new ArrayList<>();
  private final boolean[] claimed;
  private int failuresReported;
  private boolean closed;

  NodeTestKit(Topology topology, RunWindow window, Distribution latency, double loss, long seed, List<GroupModel<?>> models, Duration within) {
    models.forEach(model -> groups.add(MeasuredGroup.start(model)));
    this.within = within;
    this.system = KitSystem.acquire();
    VirtualExecutor executor = system.executor;
    executor.attach();
    this.time = new VirtualTime(executor);
    Network network =
        new Network(time, topology.size(), id -> topology.groupOf(id).link(), id -> Seeds.forNode(seed, id, Seeds.NETWORK), latency, loss);
    this.run = new RunContext(time, network, topology, window, seed);
    this.claimed = new boolean[topology.size()];
    for (int id = 0; id < topology.size(); id++) {
      int to = id;
      network.register(id, (Receiver) (from, message) -> unclaimed.add(new Arrival<>(time.now(), from, to, message)));
    }
    CompletableFuture<Void> started = new CompletableFuture<>();
    this.host =
        system.system.systemActorOf(
            KitHost.create(failures, started, stopped), system.nextName(), DispatcherSelector.fromConfig(VirtualExecutor.DISPATCHER));
    awaitReady(started::isDone, "the test kit to start");
  }

  /** Runs actor tasks, including those Pekko's own threads hand in, until {@code done} holds. */
  private void awaitReady(BooleanSupplier done, String what) {
    try {
      time.runReadyUntil(done);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    }
  }

  /** A kit to be described group by group. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A kit with the groups, links, network, seed and window of a scenario's first run, given as
   * HOCON text ({@code overrides} as {@code path=value}, like {@code --set}). {@link #spawn(int)}
   * then creates a node the way its group's role does, and {@link #report(String)} reads what the
   * group measured. An invalid scenario throws {@link IllegalArgumentException} listing every
   * problem as {@code FILE:LINE: key: message}.
   */
  public static NodeTestKit forScenario(String scenario, String... overrides) {
    return KitScenario.kit(scenario, List.of(overrides));
  }

  // --- the nodes ---

  /** The groups and their node ids. */
  public Topology topology() {
    return run.topology();
  }

  /** The group called {@code name}. */
  public GroupInfo group(String name) {
    GroupInfo group = run.topology().group(name);
    if (group == null) {
      throw new IllegalArgumentException("no group '" + name + "'; groups: " + groupNames());
    }
    return group;
  }

  /** The id of the {@code index}-th node (from 0) of group {@code name}. */
  public int id(String name, int index) {
    GroupInfo group = group(name);
    if (index < 0 || index >= group.count()) {
      throw new IllegalArgumentException("group " + name + " has nodes 0 to " + (group.count() - 1) + ", not " + index);
    }
    return group.id(index);
  }

  /** The measured window every node sees. */
  public RunWindow window() {
    return run.window();
  }

  /** The context that node {@code id} gets: the same one the engine gives a node in a run. */
  public NodeContext context(int id) {
    checkId(id);
    return new NodeContext(id, run);
  }

  /** Spawns {@code behavior} as node {@code id}; it starts at once, at the current simulated time. */
  public <T> ActorRef<T> spawn(int id, Behavior<T> behavior) {
    checkThread();
    checkId(id);
    if (claimed[id]) {
      throw new IllegalStateException("node " + run.topology().nodeName(id) + " (id " + id + ") already has an actor or a probe");
    }
    String name = run.topology().nodeName(id);
    CompletableFuture<ActorRef<?>> spawned = new CompletableFuture<>();
    host.tell(new KitHost.Spawn(name, behavior, spawned));
    // The host is a top-level actor: Pekko's own threads may hold its mailbox for a moment, so wait
    // for the spawn to be done rather than assume that one drain did it.
    awaitReady(spawned::isDone, "node " + name + " to start");
    settle();
    @SuppressWarnings("unchecked")
    ActorRef<T> ref = (ActorRef<T>) spawned.getNow(null);
    claimed[id] = true;
    run.network().register(id, ref);
    return ref;
  }

  /** Spawns node {@code id} with the behaviour that {@code node} makes of its context. */
  public <T> ActorRef<T> spawn(int id, Function<NodeContext, Behavior<T>> node) {
    return spawn(id, node.apply(context(id)));
  }

  /** Spawns node {@code id} as its group's role creates it (kits made {@link #forScenario} only). */
  public ActorRef<Object> spawn(int id) {
    @SuppressWarnings("unchecked")
    Behavior<Object> behavior = (Behavior<Object>) measured(run.topology().groupOf(id).name()).createNode(context(id));
    return spawn(id, behavior);
  }

  /** Spawns every node of group {@code name} as its role creates them (kits made {@link #forScenario} only). */
  public List<ActorRef<Object>> spawnGroup(String name) {
    GroupInfo group = group(name);
    List<ActorRef<Object>> refs = new ArrayList<>();
    for (int i = 0; i < group.count(); i++) {
      refs.add(spawn(group.id(i)));
    }
    return refs;
  }

  /**
   * Group {@code name} as its role set it up, with the metrics its nodes record into: {@code
   * model()} and {@code metrics()} (kits made {@link #forScenario} only).
   */
  public MeasuredGroup<?> measured(String name) {
    if (groups.isEmpty()) {
      throw new IllegalStateException("this kit was built group by group: make it with NodeTestKit.forScenario to use its roles");
    }
    return groups.get(run.topology().groups().indexOf(group(name)));
  }

  /** What group {@code name} measured so far, as its entry in report.json would have it (role fields only). */
  public ObjectNode report(String name) {
    ObjectNode out = Json.object();
    measured(name).report(out);
    return out;
  }

  /** A stand-in for nodes {@code ids}: what the network delivers to any of them arrives at the probe. */
  public NodeProbe probe(int... ids) {
    checkThread();
    if (ids.length == 0) {
      throw new IllegalArgumentException("a probe stands in for at least one node");
    }
    NodeProbe probe = new NodeProbe(this, ids);
    for (int id : ids) {
      checkId(id);
      if (claimed[id]) {
        throw new IllegalStateException("node " + run.topology().nodeName(id) + " (id " + id + ") already has an actor or a probe");
      }
      claimed[id] = true;
      int to = id;
      run.network().register(id, (Receiver) (from, message) -> probe.add(new Arrival<>(time.now(), from, to, message)));
    }
    return probe;
  }

  /** Messages delivered to nodes that have neither an actor nor a probe, in order. */
  public List<Arrival<NetMessage>> unclaimed() {
    return List.copyOf(unclaimed);
  }

  // --- acting ---

  /** Sends {@code message} through the network as node {@code from} would; it arrives as the network says. */
  public void send(int from, int to, NetMessage message) {
    checkThread();
    checkId(from);
    checkId(to);
    run.network().send(from, to, message);
    settle();
  }

  /**
   * Hands {@code message} straight to {@code node}, bypassing the network, and runs what it
   * causes at this instant.
   */
  public <T> void tell(ActorRef<T> node, T message) {
    checkThread();
    node.tell(message);
    settle();
  }

  // --- time ---

  /** The simulated time, in nanoseconds since the kit started. */
  public long now() {
    return time.now();
  }

  /** Runs every event of the next {@code duration} of simulated time; the clock then stands at its end. */
  public void advance(Duration duration) {
    advanceNanos(duration.toNanos());
  }

  /** As {@link #advance(Duration)}, in nanoseconds. */
  public void advanceNanos(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("time only moves forward; asked to move by " + nanos + " ns");
    }
    advanceTo(time.now() + nanos);
  }

  /**
   * Moves the clock to the next instant at which something is due and runs what is due then;
   * returns false, with the clock unchanged, if nothing is waiting.
   */
  public boolean advanceToNextEvent() {
    checkThread();
    long next = time.nextEventTime();
    if (next == Long.MAX_VALUE) {
      return false;
    }
    advanceTo(next);
    return true;
  }

  /**
   * Runs events until {@code condition} holds, checked after each instant; fails if it does not
   * hold within {@code limit} of simulated time.
   */
  public void advanceUntil(BooleanSupplier condition, Duration limit) {
    long deadline = time.now() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      long next = time.nextEventTime();
      if (next > deadline) {
        advanceTo(deadline);
        if (!condition.getAsBoolean()) {
          throw new AssertionError("the condition did not hold within " + seconds(limit.toNanos()) + " of simulated time");
        }
        return;
      }
      advanceTo(next);
    }
  }

  /** Events still waiting to happen (timers and messages in flight). */
  public int pending() {
    return time.pending();
  }

  /** What node {@code id} has sent and received through the network so far. */
  public NodeTraffic traffic(int id) {
    checkId(id);
    return run.network().traffic(id);
  }

  /** The default limit of a probe's {@code expect...} calls. */
  Duration within() {
    return within;
  }

  void advanceTo(long nanos) {
    checkThread();
    time.advanceTo(nanos);
    rethrowFailures();
  }

  /** Runs what is ready at the current instant. */
  private void settle() {
    advanceTo(time.now());
  }

  long nextEventTime() {
    return time.nextEventTime();
  }

  /** A node that threw fails the test at the step that made it throw. */
  private void rethrowFailures() {
    List<String> all = failures.list();
    if (all.size() > failuresReported) {
      String first = all.get(failuresReported);
      failuresReported = all.size();
      throw new AssertionError(first);
    }
  }

  private void checkThread() {
    if (closed) {
      throw new IllegalStateException("this test kit is closed");
    }
    if (Thread.currentThread() != driver) {
      throw new IllegalStateException(
          "a NodeTestKit is used from the thread that built it (" + driver.getName() + "), not from " + Thread.currentThread().getName());
    }
  }

  private void checkId(int id) {
    if (id < 0 || id >= run.topology().size()) {
      throw new IllegalArgumentException("no node " + id + ": this kit has nodes 0 to " + (run.topology().size() - 1));
    }
  }

  private String groupNames() {
    return String.join(", ", run.topology().groups().stream().map(GroupInfo::name).toList());
  }

  static String seconds(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.3f s", nanos / 1e9);
  }

  /** Stops every node; the kit's actor system is kept for the next kit of this JVM. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    host.tell(KitHost.Stop.INSTANCE);
    try {
      awaitReady(stopped::isDone, "the nodes to stop");
    } finally {
      closed = true;
      system.executor.detach();
      system.release();
    }
  }

  /** Describes a kit group by group. */
  public static final class Builder {
    private final List<GroupInfo> groups = new ArrayList<>();
    private Distribution latency = new Distribution.Constant(0);
    private double loss;
    private long seed = 1;
    private RunWindow window = new RunWindow(0, 3_600_000_000_000L, 1_000_000_000L);
    private Duration within = Duration.ofSeconds(60);

    private Builder() {}

    /** A group of {@code count} nodes with unlimited links; its role is named as the group. */
    public Builder group(String name, int count) {
      return group(name, name, count, LinkSpec.UNLIMITED);
    }

    /**
     * A group of {@code count} nodes of role {@code role} whose links are written as in a
     * scenario: {@code up} and {@code down} bandwidths ({@code "10Mbps"}, or null for unlimited)
     * and an access {@code latency} ({@code "5ms"}, or null for none).
     */
    public Builder group(String name, String role, int count, String up, String down, String latency) {
      return group(
          name,
          role,
          count,
          new LinkSpec(
              up == null ? Double.POSITIVE_INFINITY : Units.bandwidth(up),
              down == null ? Double.POSITIVE_INFINITY : Units.bandwidth(down),
              latency == null ? 0 : Units.duration(latency)));
    }

    /** A group of {@code count} nodes of role {@code role} with {@code link}. */
    public Builder group(String name, String role, int count, LinkSpec link) {
      if (count < 1) {
        throw new IllegalArgumentException("group " + name + " needs at least one node");
      }
      int first = groups.isEmpty() ? 0 : groups.get(groups.size() - 1).first() + groups.get(groups.size() - 1).count();
      groups.add(new GroupInfo(name, role, first, count, link));
      return this;
    }

    /** One-way network latency between any two nodes (default none), on top of their access latency. */
    public Builder latency(Duration latency) {
      return latency(new Distribution.Constant(latency.toNanos()));
    }

    /** One-way network latency drawn from {@code latency}, in nanoseconds. */
    public Builder latency(Distribution latency) {
      this.latency = latency;
      return this;
    }

    /** Probability that a message is lost (default 0). */
    public Builder loss(double loss) {
      if (!(loss >= 0 && loss < 1)) {
        throw new IllegalArgumentException("loss is a probability from 0 to below 1, not " + loss);
      }
      this.loss = loss;
      return this;
    }

    /** The seed of every random stream (default 1). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The measured window nodes see (default: from 0 to an hour, series every second). */
    public Builder window(Duration warmup, Duration end, Duration interval) {
      this.window = new RunWindow(warmup.toNanos(), end.toNanos(), interval.toNanos());
      return this;
    }

    /** How long a probe's {@code expect...} calls wait in simulated time unless told (default 60 s). */
    public Builder expectWithin(Duration within) {
      this.within = within;
      return this;
    }

    /** The kit, started on the calling thread. */
    public NodeTestKit build() {
      if (groups.isEmpty()) {
        throw new IllegalStateException("a kit needs at least one group");
      }
      return new NodeTestKit(new Topology(groups), window, latency, loss, seed, List.of(), within);
    }
  }
}
