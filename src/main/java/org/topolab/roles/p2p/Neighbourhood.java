package org.topolab.roles.p2p;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.IntConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.topolab.node.NodeContext;

/**
 * How a peer finds neighbours and replaces those it loses. It asks the tracker for members when it
 * joins, when it is left with fewer than half the neighbours it wants, and every announce interval
 * while it downloads short of twice as many. When the tracker does not answer, the peer goes on
 * with the neighbours it has and asks them for the peers they know; and every exchange interval
 * while it downloads it tells its neighbours the peers it has met most recently (peer exchange,
 * BEP 11). It keeps the peers it hears of in a bounded list, newest first, and connects to them
 * while the tracker is silent and it has fewer neighbours than it wants.
 */
final class Neighbourhood {

  /** The neighbourhood's timers: its peer's actor receives them and hands them to {@link #wake}. */
  enum Wake implements Peer.Command {
    /** The announce interval is over: ask the tracker for more if still short. */
    ANNOUNCE,
    /** The exchange interval is over: tell the neighbours the peers met most recently. */
    EXCHANGE
  }

  /**
   * Peer exchange: how often a peer tells its neighbours the peers it knows, and how many it
   * names at most (BEP 11: at most once a minute, up to 50 peers).
   */
  record Exchange(long intervalNanos, int maxPeers) {

    /** BEP 11's limits. */
    static final Exchange DEFAULT = new Exchange(60_000_000_000L, 50);

    /** No peer exchange: the tracker is the only way to more neighbours. */
    static final Exchange OFF = new Exchange(0, 0);

    boolean on() {
      return maxPeers > 0;
    }
  }

  private final NodeContext node;
  private final ActorRef<? super Wake> self;
  private final Peer.Spec spec;
  private final Alarm alarm;
  private final DownloadMetrics metrics;
  private final IntConsumer connect;
  private final Question join;
  // Peers heard of through exchange and not connected to, oldest first, at most maxPeers.
  private final LinkedHashSet<Integer> heardOf = new LinkedHashSet<>();
  private SwarmDownload download;
  private String file;
  // The tracker's answer to the last join is overdue: more neighbours come from the other peers.
  private boolean trackerSilent;

  /**
   * The neighbourhood of the peer {@code node} whose actor is {@code self}, which connects to a
   * peer with {@code connect}, asks as {@code timeouts} says and sets {@code alarm} for it.
   */
  Neighbourhood(
      NodeContext node, ActorRef<? super Wake> self, Peer.Spec spec, Timeouts timeouts, Alarm alarm, DownloadMetrics metrics,
      IntConsumer connect) {
    this.node = node;
    this.self = self;
    this.spec = spec;
    this.alarm = alarm;
    this.metrics = metrics;
    this.connect = connect;
    this.join = new Question(timeouts);
  }

  /** The peer has the description of {@code file} and downloads it with {@code download}: it joins the swarm. */
  void start(String file, SwarmDownload download) {
    this.file = file;
    this.download = download;
    askTracker();
    if (spec.exchange().on()) {
      node.after(spec.exchange().intervalNanos(), self, Wake.EXCHANGE);
    }
  }

  /** When the tracker is to be asked again; {@link Long#MAX_VALUE} while nothing waits for it. */
  long due() {
    return join.due();
  }

  /**
   * The tracker's answer is overdue at {@code now}: it is asked again and, while the peer downloads
   * short of neighbours, so are the neighbours. A complete peer waits for nothing.
   */
  void expire(long now) {
    if (join.due() > now) {
      return;
    }
    if (download.book().complete()) {
      join.abandon();
      return;
    }
    metrics.resentControl();
    askTracker();
    trackerSilent = true;
    if (wantsMore()) {
      connectHeardOf();
      askNeighbours();
    }
  }

  /** One of the neighbourhood's timers is due. */
  void wake(Wake wake) {
    if (download.book().complete()) {
      return; // a seed needs no neighbours, and its timers stop so that a run can end
    }
    switch (wake) {
      case ANNOUNCE -> {
        if (download.neighbourCount() < 2 * spec.neighbours() && !join.open()) {
          askTracker();
        }
      }
      case EXCHANGE -> {
        int[] peers = recentPeers(-1);
        if (peers.length > 0) {
          download.forEachNeighbour(id -> {
            if (!spec.origin().contains(id)) {
              node.send(id, new Wire.PeerList(node.id(), file, peers));
            }
          });
        }
        node.after(spec.exchange().intervalNanos(), self, Wake.EXCHANGE);
      }
    }
  }

  /** The tracker's answer: members to connect to; asked again later while the peer is short of neighbours. */
  void members(Wire.Members members) {
    if (!join.answered(node.now())) {
      return; // another answer to a question asked again
    }
    trackerSilent = false;
    for (int id : members.peers()) {
      if (download.isStranger(id)) {
        connect.accept(id);
      }
    }
    if (!download.book().complete() && download.neighbourCount() < 2 * spec.neighbours()) {
      node.after(spec.announceNanos(), self, Wake.ANNOUNCE);
    }
  }

  /** A neighbour has gone: still downloading, with fewer than half the neighbours it wants, the peer asks for more. */
  void lost() {
    metrics.neighbourLost();
    if (!download.book().complete() && download.neighbourCount() < (spec.neighbours() + 1) / 2) {
      if (!join.open()) {
        askTracker();
      } else if (trackerSilent) {
        connectHeardOf();
      }
    }
  }

  /** A neighbour asks for the peers this one knows. */
  void getPeers(Wire.GetPeers ask) {
    if (download != null && spec.exchange().on()) {
      node.send(ask.from(), new Wire.PeerList(node.id(), file, recentPeers(ask.from())));
    }
  }

  /** A neighbour names the peers it knows: they are kept, and connected to while the tracker is silent and the peer short. */
  void peerList(Wire.PeerList list) {
    if (download == null || !spec.exchange().on()) {
      return;
    }
    for (int id : list.peers()) {
      if (download.isStranger(id) && !spec.origin().contains(id)) {
        heardOf.remove(id); // heard of again: the newest
        heardOf.add(id);
        if (heardOf.size() > spec.exchange().maxPeers()) {
          Iterator<Integer> oldest = heardOf.iterator();
          oldest.next();
          oldest.remove();
        }
      }
    }
    if (trackerSilent && wantsMore() && !download.book().complete()) {
      connectHeardOf();
    }
  }

  /** Whether the peer has fewer neighbours than it asks the tracker for. */
  private boolean wantsMore() {
    return download.neighbourCount() < spec.neighbours();
  }

  private void askTracker() {
    alarm.by(join.sent(node.now()));
    node.send(spec.tracker().first(), new Wire.Join(node.id(), file, spec.neighbours()));
  }

  /** Asks every neighbour but the origin for the peers it knows. */
  private void askNeighbours() {
    if (spec.exchange().on()) {
      download.forEachNeighbour(id -> {
        if (!spec.origin().contains(id)) {
          node.send(id, new Wire.GetPeers(node.id(), file));
        }
      });
    }
  }

  /** Connects to the peers heard of, newest first, until the peer has the neighbours it wants. */
  private void connectHeardOf() {
    List<Integer> newestFirst = new ArrayList<>(heardOf);
    for (int i = newestFirst.size() - 1; i >= 0 && wantsMore(); i--) {
      int id = newestFirst.get(i);
      heardOf.remove(id);
      if (download.isStranger(id)) {
        metrics.exchangedPeer();
        connect.accept(id);
      }
    }
  }

  /** The peers among this one's neighbours that it met most recently, newest first, other than {@code except}. */
  private int[] recentPeers(int except) {
    List<Integer> peers = new ArrayList<>();
    download.forEachNeighbour(id -> {
      if (id != except && !spec.origin().contains(id)) {
        peers.add(id);
      }
    });
    int count = Math.min(peers.size(), spec.exchange().maxPeers());
    int[] newest = new int[count];
    for (int i = 0; i < count; i++) {
      newest[i] = peers.get(peers.size() - 1 - i);
    }
    return newest;
  }
}
