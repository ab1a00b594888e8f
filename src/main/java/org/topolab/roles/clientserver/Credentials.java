package org.topolab.roles.clientserver;

/**
 * What a client presents with each request to prove who it is, as an HTTP Authorization header
 * does: a user name and that user's secret. A server checks them against its own {@code users}.
 *
 * @param user the user's name
 * @param secret the user's secret (a password or an API key)
 */
public record Credentials(String user, String secret) {

  /** Leaves the secret out, so that a log or a report never shows it. */
  @Override
  public String toString() {
    return "Credentials[user=" + user + "]";
  }
}
