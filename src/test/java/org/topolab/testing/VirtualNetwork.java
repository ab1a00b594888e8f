package org.topolab.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.topolab.engine.PekkoConfig;
import org.topolab.distribution.Distribution;
import org.topolab.network.LinkSpec;
import org.topolab.network.NetMessage;
import org.topolab.network.Network;
import org.topolab.time.VirtualExecutor;
import org.topolab.time.VirtualTime;

/**
 * The network on virtual time, for tests of its arithmetic: nodes are recorders that note the
 * simulated time at which each message reaches them.
 */
public final class VirtualNetwork implements AutoCloseable {

  /** A message that reached a node at {@code nanos} of simulated time. */
  public record Delivery(long nanos, NetMessage message) {}

  /** A test message of a given size. */
  public record Packet(String name, long bytes) implements NetMessage {
    @Override
    public long sizeBytes() {
      return bytes;
    }
  }

  private final VirtualExecutor executor = VirtualExecutor.register();
  private final ActorSystem<Void> system;
  private final VirtualTime time = new VirtualTime(executor);
  private final Network network;
  private final List<List<Delivery>> deliveries = new ArrayList<>();

  /** Nodes with {@code links} (node i has links.get(i)), a latency and a loss probability. */
  public VirtualNetwork(List<LinkSpec> links, Distribution latency, double loss, long seed) throws InterruptedException {
    org.slf4j.LoggerFactory.getILoggerFactory();
    system = ActorSystem.create(Behaviors.empty(), "virtual-network-test", executor.configure(PekkoConfig.load()));
    network =
        new Network(time, links.size(), links::get, id -> org.topolab.node.Seeds.forNode(seed, id, org.topolab.node.Seeds.NETWORK), latency, loss);
    executor.attach();
    AtomicInteger started = new AtomicInteger();
    for (int id = 0; id < links.size(); id++) {
      List<Delivery> received = new ArrayList<>();
      deliveries.add(received);
      Behavior<NetMessage> recorder =
          Behaviors.setup(
              context -> {
                started.incrementAndGet();
                return Behaviors.receiveMessage(
                    message -> {
                      received.add(new Delivery(time.now(), message));
                      return Behaviors.same();
                    });
              });
      ActorRef<NetMessage> ref =
          system.systemActorOf(recorder, "node-" + id, DispatcherSelector.fromConfig(VirtualExecutor.DISPATCHER));
      network.register(id, ref);
    }
    time.runReadyUntil(() -> started.get() == links.size());
  }

  /** Sends {@code message} from {@code from} to {@code to} at {@code atNanos} of simulated time. */
  public void sendAt(long atNanos, int from, int to, NetMessage message) {
    time.schedule(atNanos - time.now(), () -> network.send(from, to, message));
  }

  /** Runs the simulation until nothing is left to happen. */
  public void run() {
    time.runUntil(Long.MAX_VALUE);
  }

  /** What node {@code id} received, in order. */
  public List<Delivery> deliveries(int id) {
    return deliveries.get(id);
  }

  /** The network itself, for its counters. */
  public Network network() {
    return network;
  }

  @Override
  public void close() {
    executor.detach();
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      executor.unregister();
    }
  }
}
