package org.topolab.roles.p2p;

import java.util.concurrent.atomic.LongAdder;
import org.topolab.role.GroupMetrics;

/** What a file-server group measures: the chunk bytes it sent. */
final class Uploads implements GroupMetrics<Uploads> {

  private final LongAdder bytes = new LongAdder();

  /** The counter the group's nodes add the bytes they send to. */
  LongAdder bytes() {
    return bytes;
  }

  @Override
  public void merge(Uploads other) {
    bytes.add(other.bytes.sum());
  }
}
