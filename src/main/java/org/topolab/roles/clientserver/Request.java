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
 */
public record Request(int from, long id, long key, long bytes, long responseBytes)
    implements NetMessage, Server.Command, LoadBalancer.Command {

  @Override
  public long sizeBytes() {
    return bytes;
  }
}
