package org.topolab.testkit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.topolab.network.NetMessage;

/**
 * A test's stand-in for one or more nodes: it takes what the network delivers to them, with the
 * simulated time of arrival and the sender. Its {@code expect...} calls run simulated time until
 * the expected message arrives or the limit passes, so whether something arrived "within 10
 * seconds" is decided by the clock, never by waiting.
 */
public final class NodeProbe {

  private final NodeTestKit kit;
  private final int[] ids;
  private final ArrayDeque<Arrival<NetMessage>> queue = new ArrayDeque<>();

  NodeProbe(NodeTestKit kit, int[] ids) {
    this.kit = kit;
    this.ids = ids.clone();
  }

  void add(Arrival<NetMessage> arrival) {
    queue.add(arrival);
  }

  /** The next message to arrive, of any type, within the kit's default limit. */
  public Arrival<NetMessage> expectArrival() {
    return expectArrival(NetMessage.class, kit.within());
  }

  /** The next message to arrive, which must be a {@code type}, within the kit's default limit. */
  public <T> Arrival<T> expectArrival(Class<T> type) {
    return expectArrival(type, kit.within());
  }

  /**
   * The next message to arrive, which must be a {@code type}, within {@code within} of simulated
   * time. The clock stops at its arrival; if nothing arrives, it stands at the limit and the call
   * fails.
   */
  public <T> Arrival<T> expectArrival(Class<T> type, Duration within) {
    long deadline = kit.now() + within.toNanos();
    if (!awaitArrival(deadline)) {
      throw new AssertionError(
          "expected " + type.getSimpleName() + " at " + describe() + " within " + NodeTestKit.seconds(within.toNanos())
              + " of simulated time, but nothing arrived (clock at " + NodeTestKit.seconds(kit.now()) + ")");
    }
    Arrival<NetMessage> arrival = queue.poll();
    if (!type.isInstance(arrival.message())) {
      throw new AssertionError("expected " + type.getSimpleName() + " at " + describe() + " but got " + show(arrival));
    }
    @SuppressWarnings("unchecked")
    Arrival<T> typed = (Arrival<T>) arrival;
    return typed;
  }

  /** The next message, which must be a {@code type}, within the kit's default limit. */
  public <T> T expectMessage(Class<T> type) {
    return expectArrival(type).message();
  }

  /** The next message, which must be a {@code type}, within {@code within}. */
  public <T> T expectMessage(Class<T> type, Duration within) {
    return expectArrival(type, within).message();
  }

  /** The next message, which must equal {@code expected}, within the kit's default limit; returns it. */
  public <T extends NetMessage> T expectMessage(T expected) {
    Arrival<NetMessage> arrival = expectArrival();
    if (!Objects.equals(arrival.message(), expected)) {
      throw new AssertionError("expected " + expected + " at " + describe() + " but got " + show(arrival));
    }
    return expected;
  }

  /**
   * Runs {@code duration} of simulated time and fails if any message arrived at these nodes in it,
   * or was waiting unread before.
   */
  public void expectNoMessage(Duration duration) {
    if (!queue.isEmpty()) {
      throw new AssertionError("expected no message at " + describe() + " but " + show(queue.peek()) + " was waiting");
    }
    kit.advanceNanos(duration.toNanos());
    if (!queue.isEmpty()) {
      throw new AssertionError(
          "expected no message at " + describe() + " for " + NodeTestKit.seconds(duration.toNanos()) + " of simulated time, but got "
              + show(queue.peek()));
    }
  }

  /** The next {@code count} messages, of any type, within the kit's default limit. */
  public List<Arrival<NetMessage>> receiveArrivals(int count) {
    return receiveArrivals(count, kit.within());
  }

  /** The next {@code count} messages, of any type, within {@code within} of simulated time in all. */
  public List<Arrival<NetMessage>> receiveArrivals(int count, Duration within) {
    long deadline = kit.now() + within.toNanos();
    List<Arrival<NetMessage>> arrivals = new ArrayList<>();
    while (arrivals.size() < count) {
      if (!awaitArrival(deadline)) {
        throw new AssertionError(
            "expected " + count + " messages at " + describe() + " within " + NodeTestKit.seconds(within.toNanos())
                + " of simulated time, but got " + arrivals.size() + ": " + arrivals);
      }
      arrivals.add(queue.poll());
    }
    return arrivals;
  }

  /** The next {@code count} messages, each of which must be a {@code type}, within the kit's default limit. */
  public <T> List<T> receiveMessages(Class<T> type, int count) {
    return receiveArrivals(type, count).stream().map(Arrival::message).toList();
  }

  /**
   * The next {@code count} arrivals, each of which must be a {@code type}, within the kit's default
   * limit: as {@link #receiveMessages}, with the time, sender and receiver of each.
   */
  public <T> List<Arrival<T>> receiveArrivals(Class<T> type, int count) {
    List<Arrival<T>> arrivals = new ArrayList<>();
    for (Arrival<NetMessage> arrival : receiveArrivals(count)) {
      if (!type.isInstance(arrival.message())) {
        throw new AssertionError("expected " + type.getSimpleName() + " at " + describe() + " but got " + show(arrival));
      }
      @SuppressWarnings("unchecked")
      Arrival<T> typed = (Arrival<T>) arrival;
      arrivals.add(typed);
    }
    return arrivals;
  }

  /**
   * The first {@code type} message that satisfies {@code wanted}, within {@code within}; the
   * messages before it are read and dropped.
   */
  public <T> Arrival<T> fishForArrival(Class<T> type, Predicate<? super T> wanted, Duration within) {
    long deadline = kit.now() + within.toNanos();
    while (awaitArrival(deadline)) {
      Arrival<NetMessage> arrival = queue.poll();
      if (type.isInstance(arrival.message()) && wanted.test(type.cast(arrival.message()))) {
        @SuppressWarnings("unchecked")
        Arrival<T> typed = (Arrival<T>) arrival;
        return typed;
      }
    }
    throw new AssertionError(
        "no matching " + type.getSimpleName() + " arrived at " + describe() + " within " + NodeTestKit.seconds(within.toNanos())
            + " of simulated time");
  }

  /** Every message that has arrived and not been read yet, in order of arrival; they count as read. */
  public List<Arrival<NetMessage>> receivedSoFar() {
    List<Arrival<NetMessage>> all = new ArrayList<>(queue);
    queue.clear();
    return all;
  }

  /** Runs simulated time instant by instant until a message waits or the next instant lies past {@code deadline}. */
  private boolean awaitArrival(long deadline) {
    while (queue.isEmpty()) {
      long next = kit.nextEventTime();
      if (next > deadline) {
        kit.advanceTo(deadline);
        return !queue.isEmpty();
      }
      kit.advanceTo(next);
    }
    return true;
  }

  private String describe() {
    return ids.length == 1 ? "node " + ids[0] : "nodes " + Arrays.toString(ids);
  }

  private static String show(Arrival<NetMessage> arrival) {
    return arrival.message() + " from node " + arrival.from() + " to node " + arrival.to() + " at " + NodeTestKit.seconds(arrival.nanos());
  }
}
