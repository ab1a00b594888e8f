package org.topolab.roles.clientserver;

import org.topolab.network.NetMessage;

/**
 * A load balancer's health check of one backend, in its check round {@code round}; a live backend
 * answers with {@link #pong}.
 *
 * @param from the load balancer that asks
 * @param round the balancer's check round, which the answer carries back
 */
public record Ping(int from, long round) implements NetMessage, Server.Command, LoadBalancer.Command {

  /** The answer of the backend {@code backend}. */
  public Pong pong(int backend) {
    return new Pong(backend, round);
  }

  @Override
  public long sizeBytes() {
    return Response.HEADER_BYTES;
  }
}
