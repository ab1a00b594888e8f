package org.topolab.node;

import org.topolab.network.Network;
import org.topolab.time.SimTime;

/** What every node of one run shares: the clock, the network, the topology and the window. */
public record RunContext(SimTime time, Network network, Topology topology, RunWindow window, long seed) {}
