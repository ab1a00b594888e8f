package org.topolab.roles.clientserver;

import org.topolab.network.NetMessage;

/**
 * A backend's answer to a health check: it is alive.
 *
 * @param from the backend
 * @param round the check round of the {@link Ping} it answers
 */
public record Pong(int from, long round) implements NetMessage, LoadBalancer.Command {

  @Override
  public long sizeBytes() {
    return Response.HEADER_BYTES;
  }
}
