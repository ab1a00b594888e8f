package org.topolab.roles.discovery.kademlia;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.topolab.node.NodeContext;

/**
 * A Kademlia node's side as a server: it answers PING and STORE with an acknowledgement, FIND_NODE
 * with the k contacts of its table nearest to the target (the asker left out), and FIND_VALUE with
 * the holders stored with it under the item's key if it has any, or else as FIND_NODE for the key.
 * It keeps the holders that STOREs name, per item, as BitTorrent's DHT keeps the peers announced
 * for a torrent.
 */
final class Responder {

  private final NodeContext node;
  private final KeySpace space;
  private final RoutingTable table;
  private final int k;
  private final Map<Integer, int[]> stored = new HashMap<>();
  private final int[] nearest;

  /** The responder of {@code node}, which answers from {@code table} with up to {@code k} contacts. */
  Responder(NodeContext node, KeySpace space, RoutingTable table, int k) {
    this.node = node;
    this.space = space;
    this.table = table;
    this.k = k;
    this.nearest = new int[k + 1];
  }

  void onPing(KademliaWire.Ping ping) {
    node.send(ping.from(), new KademliaWire.Ack(node.id(), ping.rpc(), space.idBytes()));
  }

  void onStore(KademliaWire.Store store) {
    int[] holders = stored.getOrDefault(store.item(), new int[0]);
    if (Arrays.stream(holders).noneMatch(holder -> holder == store.from())) {
      holders = Arrays.copyOf(holders, holders.length + 1);
      holders[holders.length - 1] = store.from();
      stored.put(store.item(), holders);
    }
    node.send(store.from(), new KademliaWire.Ack(node.id(), store.rpc(), space.idBytes()));
  }

  void onFindNode(KademliaWire.FindNode find) {
    node.send(find.from(), new KademliaWire.Nodes(node.id(), find.rpc(), space.idBytes(), nearestTo(find.target(), find.from())));
  }

  void onFindValue(KademliaWire.FindValue find) {
    int[] holders = holders(find.item());
    if (holders.length > 0) {
      node.send(find.from(), new KademliaWire.Value(node.id(), find.rpc(), space.idBytes(), holders));
    } else {
      node.send(
          find.from(), new KademliaWire.Nodes(node.id(), find.rpc(), space.idBytes(), nearestTo(space.item(find.item()), find.from())));
    }
  }

  /** The holders of {@code item} stored with this node, in the order they were stored; empty if none. */
  int[] holders(int item) {
    return stored.getOrDefault(item, new int[0]).clone();
  }

  /** The k contacts nearest to {@code target}, without {@code asker}. */
  private int[] nearestTo(long[] target, int asker) {
    int count = table.closest(target, k + 1, nearest);
    int[] out = new int[Math.min(count, k)];
    int n = 0;
    for (int i = 0; i < count && n < out.length; i++) {
      if (nearest[i] != asker) {
        out[n++] = nearest[i];
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }
}
