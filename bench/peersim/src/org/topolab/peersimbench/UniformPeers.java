package org.topolab.peersimbench;

import peersim.core.CommonState;
import peersim.core.Linkable;
import peersim.core.Network;
import peersim.core.Node;
import peersim.core.Protocol;

/**
 * Every other node is a neighbour: {@code getNeighbor(random.nextInt(degree()))} is then a
 * uniformly random other node, as topolab's averaging role picks its peer. It holds no list (a
 * million nodes would need a million lists): neighbour i is node i, skipping the node asking, which
 * PeerSim's event loop names in {@link CommonState#getNode()}.
 */
public class UniformPeers implements Linkable, Protocol {

  /** Built by PeerSim from the {@code protocol.link} key. */
  public UniformPeers(String prefix) {}

  @Override
  public int degree() {
    return Network.size() - 1;
  }

  @Override
  public Node getNeighbor(int i) {
    int self = CommonState.getNode().getIndex();
    return Network.get(i < self ? i : i + 1);
  }

  @Override
  public boolean addNeighbor(Node neighbour) {
    throw new UnsupportedOperationException("every other node is already a neighbour");
  }

  @Override
  public boolean contains(Node neighbour) {
    return neighbour != CommonState.getNode();
  }

  @Override
  public void pack() {}

  @Override
  public void onKill() {}

  @Override
  public Object clone() {
    // Stateless: one instance serves every node.
    return this;
  }
}
