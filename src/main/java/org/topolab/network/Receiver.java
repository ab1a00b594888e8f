package org.topolab.network;

/**
 * Something other than an actor that stands for a node and takes what the network delivers to
 * it, with the sender's id: a test kit's probe, for instance. Called on the clock's thread at the
 * simulated instant of delivery.
 */
public interface Receiver {

  /** {@code message} from node {@code from} has crossed this node's downlink. */
  void receive(int from, NetMessage message);
}
