package org.topolab.network;

/**
 * A message on its way to a node of another partition: it has left the sender's uplink and will
 * reach the receiver's downlink at {@code arrivalNanos}, as event {@code key} of the sender.
 *
 * @param arrivalNanos simulated time at which it reaches the receiver's downlink
 * @param key the event key the sender drew for it (see org.topolab.time.EventKey)
 * @param from the sending node
 * @param to the receiving node
 * @param bytes its size on the wire
 * @param message what is sent
 */
public record Envelope(long arrivalNanos, long key, int from, int to, long bytes, NetMessage message) {}
