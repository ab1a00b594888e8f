package org.topolab.network;

/**
 * What a run's faults do to the network at a simulated instant: which pairs of nodes a partition
 * cuts apart, and how a degraded link's latency, loss and bandwidth change. Every partition of a
 * run holds the whole schedule, so the sender's partition decides at send time what happens to a
 * message, and decides it as any other partition would.
 */
public interface NetworkFaults {

  /** A run without faults that touch the network. */
  NetworkFaults NONE =
      new NetworkFaults() {
        @Override
        public boolean any() {
          return false;
        }

        @Override
        public boolean cut(int from, int to, long now) {
          return false;
        }

        @Override
        public LinkDegradation degradation(int id, long now) {
          return null;
        }

        @Override
        public boolean changesBandwidth(int id) {
          return false;
        }
      };

  /** Whether any partition or degradation happens in the run. */
  boolean any();

  /** Whether a partition keeps a message sent from node {@code from} at {@code now} from reaching node {@code to}. */
  boolean cut(int from, int to, long now);

  /** How node {@code id}'s link is degraded at {@code now}, or null if it is not. */
  LinkDegradation degradation(int id, long now);

  /** Whether node {@code id}'s bandwidth changes at some point of the run. */
  boolean changesBandwidth(int id);
}
