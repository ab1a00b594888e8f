package org.topolab.engine;

import java.util.List;
import java.util.function.Consumer;
import org.topolab.network.Envelope;

/**
 * How the partitions in this JVM meet the partitions elsewhere between two windows: they hand on
 * the messages sent to remote partitions, take in the messages sent to theirs, and learn when
 * anything can next happen elsewhere. Every JVM of a run calls it once per window, in step.
 */
public interface Exchange {

  /** A run whose partitions are all in this JVM. */
  Exchange NONE =
      (window, localNext, outgoing, incoming) -> {
        for (List<Envelope> messages : outgoing) {
          if (!messages.isEmpty()) {
            throw new IllegalStateException("a message for a partition that is not in this JVM: " + messages.get(0));
          }
        }
        return Long.MAX_VALUE;
      };

  /**
   * Called with every local partition waiting after window {@code window} (-1 before the first):
   * sends {@code outgoing}, the window's messages for remote partitions by partition, and this JVM's {@code
   * localNext} (its earliest next event or message); passes each message for a local partition to
   * {@code incoming}; returns the earliest next activity of all other JVMs ({@code Long.MAX_VALUE}
   * if none).
   *
   * @throws Exception if another JVM of the run failed or did not answer in time
   */
  long exchange(long window, long localNext, List<List<Envelope>> outgoing, Consumer<Envelope> incoming) throws Exception;
}
