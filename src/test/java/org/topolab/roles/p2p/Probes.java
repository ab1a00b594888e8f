package org.topolab.roles.p2p;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;

/** Reading what a probe standing in for a node was sent. */
final class Probes {

  /** How long a probe must stay quiet before {@link #drain} stops. */
  static final Duration QUIET = Duration.ofMillis(200);

  private Probes() {}

  /** What {@code probe} gets until it has been quiet for {@link #QUIET}. */
  static List<Object> drain(TestProbe<Object> probe) {
    List<Object> messages = new ArrayList<>();
    try {
      while (true) {
        messages.add(probe.receiveMessage(QUIET));
      }
    } catch (AssertionError quiet) {
      return messages;
    }
  }

  /** The messages of type {@code type} that {@code probe} gets until it has been quiet. */
  static <T> List<T> drain(TestProbe<Object> probe, Class<T> type) {
    return drain(probe).stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The next message of type {@code type} that {@code probe} gets, skipping others. */
  static <T> T expect(TestProbe<Object> probe, Class<T> type) {
    while (true) {
      Object message = probe.receiveMessage();
      if (type.isInstance(message)) {
        return type.cast(message);
      }
    }
  }
}
