package org.topolab.peersimbench;

import peersim.edsim.Heap;

/**
 * PeerSim's own event heap, counting the events it hands to nodes (timers and messages), so that
 * the count can be set beside topolab's {@code engine.events}. Controls (observers) are not
 * counted: they have no node, and topolab has no such events.
 */
public class CountingHeap extends Heap {

  private static long nodeEvents;

  /** Built by PeerSim from the {@code simulation.eventqueue} key. */
  public CountingHeap(String prefix) {
    super(prefix);
  }

  @Override
  public Event removeFirst() {
    Event event = super.removeFirst();
    if (event != null && event.node != null) {
      nodeEvents++;
    }
    return event;
  }

  /** Events handed to nodes so far. */
  static long nodeEvents() {
    return nodeEvents;
  }
}
