package org.topolab.network;

/** A test message of a given size, defined outside the main code as a user's role would define one. */
record Packet(String name, long bytes) implements NetMessage {

  @Override
  public long sizeBytes() {
    return bytes;
  }
}
