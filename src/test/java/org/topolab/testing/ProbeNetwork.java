package org.topolab.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.topolab.distribution.Distribution;
import org.topolab.network.LinkSpec;
import org.topolab.network.NetMessage;
import org.topolab.network.Network;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;
import org.topolab.node.RunContext;
import org.topolab.node.RunWindow;
import org.topolab.node.Seeds;
import org.topolab.node.Topology;
import org.topolab.time.RealTime;

/**
 * A small real-time network for actor-level tests: each node id is either a role's actor, spawned
 * by the test kit, or a {@link TestProbe} that stands in for a node and sees what it is sent.
 * Links are unlimited and latency is zero unless a test says otherwise.
 */
public final class ProbeNetwork implements AutoCloseable {

  /** A message that reached node {@code node}, as a probe standing in for several nodes sees it. */
  public record Received<T>(int node, T message) {}

  private final ActorTestKit kit;
  private final List<ActorRef<?>> spawned = new ArrayList<>();
  private final RealTime time = new RealTime(1.0);
  private final Topology topology;
  private final RunContext run;

  private ProbeNetwork(ActorTestKit kit, Topology topology, RunWindow window, Distribution latency) {
    this.kit = kit;
    this.topology = topology;
    Network network =
        new Network(time, topology.size(), id -> topology.groupOf(id).link(), id -> Seeds.forNode(1, id, Seeds.NETWORK), latency, 0);
    this.run = new RunContext(time, network, topology, window, 1);
  }

  /**
   * A network of groups given as {@code name:role:count}, e.g. {@code "server:server:1"}, with a
   * measured window of a minute; the clock runs from creation.
   */
  public static ProbeNetwork of(ActorTestKit kit, String... groups) {
    List<GroupInfo> infos = new ArrayList<>();
    int next = 0;
    for (String group : groups) {
      String[] parts = group.split(":");
      int count = Integer.parseInt(parts[2]);
      infos.add(new GroupInfo(parts[0], parts[1], next, count, LinkSpec.UNLIMITED));
      next += count;
    }
    ProbeNetwork network =
        new ProbeNetwork(kit, new Topology(infos), new RunWindow(0, 60_000_000_000L, 1_000_000_000L), new Distribution.Constant(0));
    network.time.start();
    return network;
  }

  /** The groups and ids. */
  public Topology topology() {
    return topology;
  }

  /** The group called {@code name}. */
  public GroupInfo group(String name) {
    return topology.group(name);
  }

  /** The measured window every node sees. */
  public RunWindow window() {
    return run.window();
  }

  /** The context a node with id {@code id} gets. */
  public NodeContext context(int id) {
    return new NodeContext(id, run);
  }

  /** Spawns {@code behavior} as node {@code id}. */
  public <T> ActorRef<T> spawn(int id, Behavior<T> behavior) {
    ActorRef<T> ref = kit.spawn(behavior);
    spawned.add(ref);
    run.network().register(id, ref);
    return ref;
  }

  /** A probe that receives what is sent to node {@code id}. */
  public <T> TestProbe<T> probe(int id, Class<T> type) {
    TestProbe<T> probe = kit.createTestProbe(type);
    run.network().register(id, probe.ref());
    return probe;
  }

  /**
   * One probe for the nodes {@code ids}: it receives what is sent to any of them, tagged with the
   * node it was sent to. Messages to different nodes may reach it in any order.
   */
  public <T> TestProbe<Received<T>> probe(Class<T> type, int... ids) {
    TestProbe<Received<T>> probe = kit.createTestProbe();
    for (int id : ids) {
      Behavior<T> forward =
          Behaviors.receive(type)
              .onAnyMessage(
                  message -> {
                    probe.ref().tell(new Received<>(id, message));
                    return Behaviors.same();
                  })
              .build();
      spawn(id, forward);
    }
    return probe;
  }

  /** Sends {@code message} through the network as node {@code from} would. */
  public void send(int from, int to, NetMessage message) {
    run.network().send(from, to, message);
  }

  /** Stops the clock's timer thread and the actors spawned as nodes. */
  @Override
  public void close() {
    time.close();
    spawned.forEach(kit::stop);
  }
}
