package org.topolab.roles.clientserver;

import org.topolab.network.NetMessage;

/**
 * A request from node {@code from}, answered by a {@link Response} with the same {@code id}.
 *
 * @param from the node that the response goes back to
 * @param id chosen by the sender, unique among its requests
 * @param key what is asked for; consistent hashing routes by it
 * @param bytes size of the request on the wire
 * @param responseBytes size of the response asked for; 0 lets the server decide
 * @param client the client that sent it first: a load balancer passes it on, as X-Forwarded-For
 *     does, so that a server behind it limits each client's rate
 * @param credentials what the client presents to prove who it is (in the headers, within {@code
 *     bytes}); null: none
 */
public record Request(int from, long id, long key, long bytes, long responseBytes, int client, Credentials credentials)
    implements NetMessage, Server.Command, LoadBalancer.Command {

  /** A request that client {@code from} sends itself, without credentials. */
  public Request(int from, long id, long key, long bytes, long responseBytes) {
    this(from, id, key, bytes, responseBytes, from, null);
  }

  /** This request as a proxy {@code from} passes it on under its own {@code id}: the same client and credentials. */
  public Request forwarded(int from, long id) {
    return new Request(from, id, key, bytes, responseBytes, client, credentials);
  }

  @Override
  public long sizeBytes() {
    return bytes;
  }
}
