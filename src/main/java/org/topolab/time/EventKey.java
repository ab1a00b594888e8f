package org.topolab.time;

/**
 * Packs an event's origin node and that node's sequence number into one long that sorts as the
 * pair does: engine events first, then node 0's, node 1's, and so on.
 */
public final class EventKey {

  // 37 bits of sequence: 137 billion events per node; 26 bits of node: 67 million nodes.
  private static final int SEQUENCE_BITS = 37;
  private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

  private EventKey() {}

  /** The key of event {@code sequence} of node {@code origin} ({@link SimTime#ENGINE} for the engine). */
  public static long of(int origin, long sequence) {
    return ((long) (origin + 1) << SEQUENCE_BITS) | (sequence & SEQUENCE_MASK);
  }

  /** The node that caused the event, or {@link SimTime#ENGINE}. */
  public static int origin(long key) {
    return (int) (key >>> SEQUENCE_BITS) - 1;
  }

  /** The origin's sequence number of the event. */
  public static long sequence(long key) {
    return key & SEQUENCE_MASK;
  }
}
