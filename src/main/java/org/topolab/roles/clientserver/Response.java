package org.topolab.roles.clientserver;

import org.topolab.network.NetMessage;

/**
 * The answer to the {@link Request} with the same {@code id}.
 *
 * @param from the node that answered
 * @param id the request's id
 * @param outcome whether the request was served
 * @param bytes size of the response on the wire
 */
public record Response(int from, long id, Outcome outcome, long bytes)
    implements NetMessage, Client.Command, LoadBalancer.Command {

  /** Size of a response that carries no content (a rejection or an error): headers only. */
  public static final long HEADER_BYTES = 64;

  /** What became of a request. */
  public enum Outcome {
    /** Served. */
    OK,
    /** Turned away because the server's queue was full. */
    REJECTED,
    /** Failed on the way, such as a load balancer that heard nothing back from its server. */
    FAILED,
    /** Refused by access control: no credentials, wrong ones, or a user the resource does not allow (HTTP 401/403). */
    UNAUTHORISED,
    /** Refused because its client exceeded the server's rate limit (HTTP 429). */
    RATE_LIMITED
  }

  @Override
  public long sizeBytes() {
    return bytes;
  }
}
