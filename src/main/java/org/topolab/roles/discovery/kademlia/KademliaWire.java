package org.topolab.roles.discovery.kademlia;

import java.util.Arrays;
import org.topolab.network.NetMessage;

/**
 * The messages of Kademlia: the four RPCs (PING, STORE, FIND_NODE, FIND_VALUE) and their answers,
 * over UDP. Every message carries its RPC id, which its answer echoes, and its sender's id.
 *
 * <p>A contact is on the wire as its id and its IPv4 address and port (6 bytes); here it travels as
 * the node's number, from which the receiver computes the id (see {@link KeySpace}), and an item's
 * key as the item's number. Sizes count what a real message holds: {@code idBytes} is the length
 * of an id (id-bits / 8), which every message names so that its size follows the group's ids.
 */
public final class KademliaWire {

  /** IPv4 and UDP headers, the message type and the RPC id. */
  static final long HEADER_BYTES = 20 + 8 + 1 + 8;

  /** An IPv4 address and port. */
  static final long ADDRESS_BYTES = 6;

  private KademliaWire() {}

  /** The bytes of a message with {@code body} bytes after its header and its sender's id. */
  private static long bytes(int idBytes, long body) {
    return HEADER_BYTES + idBytes + body;
  }

  /** Is the receiver there? Answered with an {@link Ack}. */
  public record Ping(int from, int rpc, int idBytes) implements NetMessage, Kademlia.Command {
    @Override
    public long sizeBytes() {
      return bytes(idBytes, 0);
    }
  }

  /** Keep {@code from}'s address as a holder of {@code item}, under the item's key. Answered with an {@link Ack}. */
  public record Store(int from, int rpc, int idBytes, int item) implements NetMessage, Kademlia.Command {
    @Override
    public long sizeBytes() {
      return bytes(idBytes, idBytes + ADDRESS_BYTES);
    }
  }

  /** The answer to a {@link Ping} or a {@link Store}. */
  public record Ack(int from, int rpc, int idBytes) implements NetMessage, Kademlia.Command {
    @Override
    public long sizeBytes() {
      return bytes(idBytes, 0);
    }
  }

  /** The k contacts the receiver knows nearest to {@code target}, please. Answered with {@link Nodes}. */
  public record FindNode(int from, int rpc, int idBytes, long[] target) implements NetMessage, Kademlia.Command {
    @Override
    public long sizeBytes() {
      return bytes(idBytes, idBytes);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof FindNode that
          && from == that.from && rpc == that.rpc && idBytes == that.idBytes && Arrays.equals(target, that.target);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * (31 * from + rpc) + idBytes) + Arrays.hashCode(target);
    }

    @Override
    public String toString() {
      return "FindNode[from=" + from + ", rpc=" + rpc + ", idBytes=" + idBytes + ", target=" + Arrays.toString(target) + "]";
    }
  }

  /** The holders of {@code item} if the receiver has them, or else as {@link FindNode} for its key. */
  public record FindValue(int from, int rpc, int idBytes, int item) implements NetMessage, Kademlia.Command {
    @Override
    public long sizeBytes() {
      return bytes(idBytes, idBytes);
    }
  }

  /** The answer to a {@link FindNode}, or to a {@link FindValue} without the value: up to k contacts. */
  public record Nodes(int from, int rpc, int idBytes, int[] contacts) implements NetMessage, Kademlia.Command {
    @Override
    public long sizeBytes() {
      return bytes(idBytes, contacts.length * (idBytes + ADDRESS_BYTES));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Nodes that
          && from == that.from && rpc == that.rpc && idBytes == that.idBytes && Arrays.equals(contacts, that.contacts);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * (31 * from + rpc) + idBytes) + Arrays.hashCode(contacts);
    }

    @Override
    public String toString() {
      return "Nodes[from=" + from + ", rpc=" + rpc + ", idBytes=" + idBytes + ", contacts=" + Arrays.toString(contacts) + "]";
    }
  }

  /** The answer to a {@link FindValue} from a node that has the value: the addresses of the item's holders. */
  public record Value(int from, int rpc, int idBytes, int[] holders) implements NetMessage, Kademlia.Command {
    @Override
    public long sizeBytes() {
      return bytes(idBytes, holders.length * ADDRESS_BYTES);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Value that
          && from == that.from && rpc == that.rpc && idBytes == that.idBytes && Arrays.equals(holders, that.holders);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * (31 * from + rpc) + idBytes) + Arrays.hashCode(holders);
    }

    @Override
    public String toString() {
      return "Value[from=" + from + ", rpc=" + rpc + ", idBytes=" + idBytes + ", holders=" + Arrays.toString(holders) + "]";
    }
  }
}
