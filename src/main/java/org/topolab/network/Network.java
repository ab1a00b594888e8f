package org.topolab.network;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.apache.pekko.actor.typed.ActorRef;
import org.topolab.distribution.Distribution;
import org.topolab.time.Delivery;
import org.topolab.time.Payload;
import org.topolab.time.SimTime;

/**
 * The simulated network: the only way one node reaches another, addressed by node id.
 *
 * <p>A message of S bytes queues on the sender's uplink for S/up, travels for the one-way latency
 * (the network's, plus both nodes' access latency), then queues on the receiver's downlink for
 * S/down and is delivered. A lost message still occupies the sender's uplink. See
 * docs/network-model.md.
 *
 * <p>In a run split into partitions each partition has a network of its own that holds its own
 * nodes' ports: the uplink half of a message happens in the sender's partition, which hands it on
 * as an {@link Envelope} when the receiver lives elsewhere; the downlink half happens in the
 * receiver's partition, which {@link #accept accepts} the envelope.
 */
public final class Network {

  // Stands in the directory for a node that has crashed: what reaches it is lost.
  private static final Object DOWN = new Object();

  private final SimTime time;
  // The ports of this partition's nodes; null for the others.
  private final NodePort[] ports;
  private final LinkSpec[] links;
  private final Consumer<Envelope> elsewhere;
  // An actor reference, or a Receiver standing in for a node.
  private final Object[] directory;
  private final Distribution latency;
  private final double loss;
  private final NetworkFaults faults;
  // Messages from nodes of other partitions lost here because their receiver had crashed, by sender.
  private final Map<Integer, Long> lostFromElsewhere = new HashMap<>();

  /**
   * A network of {@code nodes} nodes, all in this partition; node i has link {@code links.apply(i)}
   * and draws its latency and loss from {@code randoms.apply(i)}. Nodes are reached through {@link
   * #register}, as they are spawned.
   */
  public Network(
      SimTime time,
      int nodes,
      IntFunction<LinkSpec> links,
      IntFunction<SplittableRandom> randoms,
      Distribution latency,
      double loss) {
    this(time, nodes, id -> true, links, randoms, latency, loss, null, NetworkFaults.NONE);
  }

  /**
   * One partition's network: the nodes for which {@code local} holds live here; a message to any
   * other node is handed to {@code elsewhere} once it has left its sender. {@code faults} partition
   * and degrade it for a while.
   */
  public Network(
      SimTime time,
      int nodes,
      IntPredicate local,
      IntFunction<LinkSpec> links,
      IntFunction<SplittableRandom> randoms,
      Distribution latency,
      double loss,
      Consumer<Envelope> elsewhere,
      NetworkFaults faults) {
    this.time = time;
    this.ports = new NodePort[nodes];
    this.links = new LinkSpec[nodes];
    for (int i = 0; i < nodes; i++) {
      this.links[i] = links.apply(i);
      if (local.test(i)) {
        ports[i] = new NodePort(this.links[i], randoms.apply(i));
      }
    }
    this.elsewhere = elsewhere;
    this.directory = new Object[nodes];
    this.latency = latency;
    this.loss = loss;
    this.faults = faults;
  }

  /** Makes node {@code id} reachable at {@code ref}. */
  public void register(int id, ActorRef<?> ref) {
    directory[id] = Delivery.target(ref);
  }

  /** Makes node {@code id} reachable at {@code receiver}, which also learns who sent each message. */
  public void register(int id, Receiver receiver) {
    directory[id] = receiver;
  }

  /** Node {@code id} has crashed: messages that reach it from now on are lost, until it is registered again. */
  public void down(int id) {
    directory[id] = DOWN;
  }

  /** Number of nodes. */
  public int size() {
    return ports.length;
  }

  /** Sends {@code message} from node {@code from} to node {@code to}. */
  public void send(int from, int to, NetMessage message) {
    long bytes = message.sizeBytes();
    NodePort source = ports[from];
    long now = time.now();
    long leaves;
    long addedLatency = 0;
    if (faults.any()) {
      LinkDegradation mine = faults.degradation(from, now);
      leaves = mine == null ? source.reserveUp(now, bytes) : source.reserveUp(now, bytes, mine.bandwidth(source.link.upBitsPerSecond()));
      LinkDegradation theirs = faults.degradation(to, now);
      LinkDegradation both = mine == null ? theirs : theirs == null ? mine : mine.and(theirs);
      // Decided here, at send time, from the schedule every partition holds: the same everywhere.
      if (faults.cut(from, to, now) || (both != null && both.loss() > 0 && source.random.nextDouble() < both.loss())) {
        source.dropped++;
        return;
      }
      addedLatency = both == null ? 0 : both.addedLatencyNanos();
    } else {
      leaves = source.reserveUp(now, bytes);
    }
    if (loss > 0 && source.random.nextDouble() < loss) {
      source.dropped++;
      return;
    }
    long flight = latency.sampleLong(source.random) + source.link.latencyNanos() + links[to].latencyNanos() + addedLatency;
    long key = time.nextKey(from);
    NodePort target = ports[to];
    if (target == null) {
      elsewhere.accept(new Envelope(leaves + flight, key, from, to, bytes, message));
      return;
    }
    time.schedule(leaves + flight - now, key, new Transit(key, from, to, target, bytes, message));
  }

  /**
   * Takes in a message from another partition: it reaches its receiver's downlink here at the
   * time the sender's partition worked out.
   *
   * @throws IllegalStateException if that time has already passed here: the partitions' windows
   *     were longer than the smallest delay between them
   */
  public void accept(Envelope envelope) {
    if (envelope.arrivalNanos() < time.now()) {
      throw new IllegalStateException(
          "a message from node " + envelope.from() + " to node " + envelope.to() + " arrives at " + envelope.arrivalNanos()
              + " ns, in its receiver's past (" + time.now() + " ns): the windows outran the lookahead");
    }
    acceptWhenDue(envelope);
  }

  /**
   * In real time: takes in a message from another JVM at its arrival time, or at once if that has
   * already passed on this clock; returns whether it came late.
   */
  public boolean acceptWhenDue(Envelope envelope) {
    long now = time.now();
    NodePort target = ports[envelope.to()];
    time.schedule(
        envelope.arrivalNanos() - now,
        envelope.key(),
        new Transit(envelope.key(), envelope.from(), envelope.to(), target, envelope.bytes(), envelope.message()));
    return envelope.arrivalNanos() < now;
  }

  /**
   * A message on its way: it first reaches the receiver's downlink, then, once it has queued and
   * crossed it, the receiver. One object serves both stages.
   */
  private final class Transit implements Runnable, Payload {
    private final long key;
    private final int from;
    private final int to;
    private final NodePort target;
    private final long bytes;
    private final NetMessage message;
    private boolean crossedDownlink;

    Transit(long key, int from, int to, NodePort target, long bytes, NetMessage message) {
      this.key = key;
      this.from = from;
      this.to = to;
      this.target = target;
      this.bytes = bytes;
      this.message = message;
      // Nothing queues on an unlimited downlink: deliver on arrival, one event fewer.
      this.crossedDownlink = target.link.downBitsPerSecond() == Double.POSITIVE_INFINITY && !faults.changesBandwidth(to);
    }

    @Override
    public Object payload() {
      return message;
    }

    @Override
    public void run() {
      Object receiver = directory[to];
      if (receiver == DOWN) {
        lost(from);
        return;
      }
      if (!crossedDownlink) {
        crossedDownlink = true;
        long now = time.now();
        long received = target.reserveDown(now, bytes, downlinkBandwidth(to, target, now));
        if (received > now) {
          time.schedule(received - now, key, this); // the same event, one stage on: its key stays
          return;
        }
      }
      target.delivered(bytes);
      if (receiver instanceof Receiver probe) {
        probe.receive(from, message);
      } else if (receiver != null) {
        Delivery.deliver(receiver, message);
      }
    }
  }

  private double downlinkBandwidth(int id, NodePort port, long now) {
    LinkDegradation degraded = faults.any() ? faults.degradation(id, now) : null;
    return degraded == null ? port.link.downBitsPerSecond() : degraded.bandwidth(port.link.downBitsPerSecond());
  }

  /** A message from node {@code from} reached a crashed node: it counts among its sender's dropped. */
  private void lost(int from) {
    if (ports[from] != null) {
      ports[from].dropped++;
    } else {
      lostFromElsewhere.merge(from, 1L, Long::sum);
    }
  }

  /** What node {@code id}, one of this partition's, has sent and received so far. */
  public NodeTraffic traffic(int id) {
    return ports[id].traffic();
  }

  /**
   * Messages that nodes of other partitions sent to crashed nodes of this one, by sender: they count
   * among their senders' {@code dropped}, wherever those live.
   */
  public Map<Integer, Long> lostFromElsewhere() {
    return lostFromElsewhere;
  }
}
