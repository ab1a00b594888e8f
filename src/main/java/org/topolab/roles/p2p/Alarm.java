package org.topolab.roles.p2p;

import org.apache.pekko.actor.typed.ActorRef;
import org.topolab.node.NodeContext;

/**
 * One timer for the earliest of a node's many deadlines (requests and messages waiting for an
 * answer), rather than a timer each: a node sets it by each new deadline, and when it rings looks
 * at what is due and sets it by the next. A timer that an earlier deadline overtook is ignored when
 * it comes.
 */
final class Alarm {

  /** The alarm's timer, for the deadline {@code at}. */
  record Ring(long at) implements Peer.Command, Downloader.Command {}

  private final NodeContext node;
  private final ActorRef<? super Ring> self;
  private long setFor = Long.MAX_VALUE;

  Alarm(NodeContext node, ActorRef<? super Ring> self) {
    this.node = node;
    this.self = self;
  }

  /** Makes the alarm ring at {@code deadline} at the latest. */
  void by(long deadline) {
    if (deadline < setFor) {
      setFor = deadline;
      node.after(Math.max(0, deadline - node.now()), self, new Ring(deadline));
    }
  }

  /** Whether {@code ring} is the alarm's current timer; if it is, the alarm is unset. */
  boolean rings(Ring ring) {
    if (ring.at() != setFor) {
      return false;
    }
    setFor = Long.MAX_VALUE;
    return true;
  }
}
