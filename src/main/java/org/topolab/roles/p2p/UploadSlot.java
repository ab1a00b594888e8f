package org.topolab.roles.p2p;

import java.util.ArrayDeque;

/** A neighbour as a node's serving half sees it: its interest, whether it is unchoked, its queued requests. */
final class UploadSlot {

  final int id;
  final SharedFile file;
  // Chunks it asked for that wait to be sent, in the order asked.
  final ArrayDeque<Integer> requests = new ArrayDeque<>(4);
  boolean interested;
  boolean unchoked;
  // Whether it is in the line of those waiting for a slot, and in the turns of those with requests.
  boolean waiting;
  boolean ready;
  boolean gone;
  // Whether it asked for a chunk since the last rechoke.
  boolean asked;
  long unchokedAt;
  int interestSeq;
  int chokeSeq;
  // Chunks sent to it so far, and content bytes it sent this node since the last rechoke.
  int sent;
  long receivedFrom;

  UploadSlot(int id, SharedFile file) {
    this.id = id;
    this.file = file;
  }
}
