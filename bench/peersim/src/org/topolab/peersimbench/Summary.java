package org.topolab.peersimbench;

import peersim.config.Configuration;
import peersim.core.CommonState;
import peersim.core.Control;
import peersim.core.Network;
import peersim.vector.SingleValue;

/**
 * Records the variance of the averaged values at every cycle boundary (two passes, as topolab's
 * exact sums give it) and, at the end, prints one line the benchmark script reads:
 * {@code peersim-bench events=E variance-start=V0 variance-end=VC cycles=C reduction-per-cycle=R},
 * where R = (VC / V0)^(1 / C), the geometric mean that topolab's report gives. Keys: {@code
 * protocol} (the averaging protocol), {@code cycles}, and PeerSim's {@code step}, {@code FINAL}.
 */
public class Summary implements Control {

  private static final String PAR_PROTOCOL = "protocol";
  private static final String PAR_CYCLES = "cycles";

  private final int pid;
  private final int cycles;
  private double first = Double.NaN;

  /** Built by PeerSim from a {@code control.NAME} key. */
  public Summary(String prefix) {
    pid = Configuration.getPid(prefix + "." + PAR_PROTOCOL);
    cycles = Configuration.getInt(prefix + "." + PAR_CYCLES);
  }

  @Override
  public boolean execute() {
    double variance = variance();
    if (Double.isNaN(first)) {
      first = variance;
    }
    // The run ends when the queue empties, just short of the last cycle's end: the cycle count
    // comes from the configuration, not the clock.
    if (CommonState.getPhase() == CommonState.POST_SIMULATION) {
      System.out.printf(
          "peersim-bench events=%d variance-start=%.6e variance-end=%.6e cycles=%d reduction-per-cycle=%.4f%n",
          CountingHeap.nodeEvents(), first, variance, cycles, Math.pow(variance / first, 1.0 / cycles));
    }
    return false;
  }

  private double variance() {
    int n = Network.size();
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += value(i);
    }
    double mean = sum / n;
    double squares = 0;
    for (int i = 0; i < n; i++) {
      double d = value(i) - mean;
      squares += d * d;
    }
    return squares / n;
  }

  private double value(int i) {
    return ((SingleValue) Network.get(i).getProtocol(pid)).getValue();
  }
}
