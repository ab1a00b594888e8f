package org.topolab.network;

import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.topolab.distribution.Distribution;
import org.topolab.time.Payload;
import org.topolab.time.SimTime;

/**
 * The simulated network: the only way one node reaches another, addressed by node id.
 *
 * <p>A message of S bytes queues on the sender's uplink for S/up, travels for the one-way latency
 * (the network's, plus both nodes' access latency), then queues on the receiver's downlink for
 * S/down and is delivered. A lost message still occupies the sender's uplink. See
 * docs/network-model.md.
 */
public final class Network {

  private final SimTime time;
  private final NodePort[] ports;
  // An actor reference, or a Receiver standing in for a node.
  private final Object[] directory;
  private final Distribution latency;
  private final double loss;

  /**
   * A network of {@code nodes} nodes; node i has link {@code links.apply(i)} and draws its latency
   * and loss from {@code randoms.apply(i)}. Nodes are reached through {@code directory}, filled in
   * as they are spawned.
   */
  public Network(
      SimTime time,
      int nodes,
      IntFunction<LinkSpec> links,
      IntFunction<SplittableRandom> randoms,
      Distribution latency,
      double loss) {
    this.time = time;
    this.ports = new NodePort[nodes];
    for (int i = 0; i < nodes; i++) {
      ports[i] = new NodePort(links.apply(i), randoms.apply(i));
    }
    this.directory = new Object[nodes];
    this.latency = latency;
    this.loss = loss;
  }

  /** Makes node {@code id} reachable at {@code ref}. */
  public void register(int id, ActorRef<?> ref) {
    directory[id] = ref;
  }

  /** Makes node {@code id} reachable at {@code receiver}, which also learns who sent each message. */
  public void register(int id, Receiver receiver) {
    directory[id] = receiver;
  }

  /** Number of nodes. */
  public int size() {
    return ports.length;
  }

  /** Sends {@code message} from node {@code from} to node {@code to}. */
  public void send(int from, int to, NetMessage message) {
    long bytes = message.sizeBytes();
    NodePort source = ports[from];
    NodePort target = ports[to];
    long now = time.now();
    long leaves = source.reserveUp(now, bytes);
    if (loss > 0 && source.random.nextDouble() < loss) {
      source.dropped++;
      return;
    }
    long flight = latency.sampleLong(source.random) + source.link.latencyNanos() + target.link.latencyNanos();
    long key = time.nextKey(from);
    time.schedule(leaves + flight - now, key, new Transit(key, from, to, target, bytes, message));
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
      this.crossedDownlink = target.link.downBitsPerSecond() == Double.POSITIVE_INFINITY;
    }

    @Override
    public Object payload() {
      return message;
    }

    @Override
    public void run() {
      if (!crossedDownlink) {
        crossedDownlink = true;
        long now = time.now();
        long received = target.reserveDown(now, bytes);
        if (received > now) {
          time.schedule(received - now, key, this); // the same event, one stage on: its key stays
          return;
        }
      }
      target.delivered(bytes);
      Object receiver = directory[to];
      if (receiver instanceof ActorRef) {
        @SuppressWarnings("unchecked")
        ActorRef<Object> ref = (ActorRef<Object>) receiver;
        ref.tell(message);
      } else if (receiver != null) {
        ((Receiver) receiver).receive(from, message);
      }
    }
  }

  /** What node {@code id} has sent and received so far. */
  public NodeTraffic traffic(int id) {
    return ports[id].traffic();
  }
}
