package org.topolab.network;

/**
 * A message that travels between nodes through the simulated network.
 *
 * <p>Its size in bytes is what occupies the links. Every such message is serialisable: the marker
 * is bound to Jackson CBOR in {@code application.conf}, so a node may live on another machine.
 */
public interface NetMessage {

  /** Bytes on the wire, headers included, as the protocol declares them. */
  long sizeBytes();
}
