package org.topolab.roles.p2p;

import org.topolab.network.NetMessage;

/**
 * The messages of file distribution, client-server and peer-to-peer. Sizes follow the BitTorrent
 * wire protocol loosely: a small header per message, a chunk carries its bytes, a bitfield one bit
 * per chunk.
 */
public final class Wire {

  /** Bytes of framing every message carries (length, type, sender). */
  public static final long HEADER_BYTES = 16;

  private Wire() {}

  /** Bytes of a bitfield of {@code chunks} chunks on the wire. */
  static long bitfieldBytes(int chunks) {
    return HEADER_BYTES + (chunks + 7) / 8;
  }

  /**
   * Asks a file server for the description of {@code file} ("" for its first file), with the
   * file's {@link Manifest} if {@code manifest}.
   */
  public record GetFile(int from, String file, boolean manifest) implements NetMessage, FileServer.Command {

    /** Asks for the description alone. */
    public GetFile(int from, String file) {
      this(from, file, false);
    }

    @Override
    public long sizeBytes() {
      return HEADER_BYTES + file.length();
    }
  }

  /**
   * A file's description, as a torrent file gives it, with the chunks' digests if they were asked
   * for ({@link Manifest#NONE} if not); {@code size} is -1 if the server has no such file.
   */
  public record FileInfo(int from, String file, long size, int chunkSize, Manifest manifest)
      implements NetMessage, Downloader.Command, Peer.Command {

    /** The description without a manifest. */
    public FileInfo(int from, String file, long size, int chunkSize) {
      this(from, file, size, chunkSize, Manifest.NONE);
    }

    /** Number of chunks; the last one may be shorter. */
    public int chunks() {
      return (int) ((size + chunkSize - 1) / chunkSize);
    }

    /** Bytes of chunk {@code index}. */
    public int chunkBytes(int index) {
      return (int) Math.min(chunkSize, size - (long) index * chunkSize);
    }

    @Override
    public long sizeBytes() {
      return HEADER_BYTES + 12 + file.length() + manifest.sizeBytes();
    }
  }

  /** A downloader asks a file server for a chunk, served whoever asks (client-server). */
  public record GetChunk(int from, String file, int chunk) implements NetMessage, FileServer.Command {
    @Override
    public long sizeBytes() {
      return HEADER_BYTES + 4 + file.length();
    }
  }

  /** A peer asks a neighbour that has unchoked it for a chunk. */
  public record RequestChunk(int from, int chunk) implements NetMessage, Peer.Command, FileServer.Command {
    @Override
    public long sizeBytes() {
      return HEADER_BYTES + 12;
    }
  }

  /** The sender no longer needs {@code chunk}, asked for twice in the endgame: drop the request. */
  public record Cancel(int from, int chunk) implements NetMessage, Peer.Command, FileServer.Command {
    @Override
    public long sizeBytes() {
      return HEADER_BYTES + 12;
    }
  }

  /**
   * A chunk of a file: {@code bytes} of content, genuine or (from a malicious or deceived sender)
   * {@code corrupt}; see {@link Manifest} for how that content is told apart.
   */
  public record Chunk(int from, int chunk, int bytes, boolean corrupt) implements NetMessage, Downloader.Command, Peer.Command {

    /** A genuine chunk. */
    public Chunk(int from, int chunk, int bytes) {
      this(from, chunk, bytes, false);
    }

    @Override
    public long sizeBytes() {
      return HEADER_BYTES + 8 + bytes;
    }
  }

  /** A peer joins the swarm of {@code file} and asks for up to {@code wanted} members. */
  public record Join(int from, String file, int wanted) implements NetMessage, Tracker.Command {
    @Override
    public long sizeBytes() {
      return HEADER_BYTES + 4 + file.length();
    }
  }

  /** The tracker's answer to a join: some members of the swarm. */
  public record Members(int from, String file, int[] peers) implements NetMessage, Peer.Command {
    @Override
    public long sizeBytes() {
      return HEADER_BYTES + file.length() + 6L * peers.length;
    }
  }

  /** A peer leaves the swarm of {@code file}. */
  public record Leave(int from, String file) implements NetMessage, Tracker.Command {
    @Override
    public long sizeBytes() {
      return HEADER_BYTES + file.length();
    }
  }

  /** Opens a connection: the sender's chunks, as a bitfield; answered by a {@link Bitfield}. */
  public record Handshake(int from, String file, long[] have)
      implements NetMessage, Peer.Command, FileServer.Command {
    @Override
    public long sizeBytes() {
      return 48 + bitfieldBytes(have.length * 64);
    }
  }

  /** The answer to a handshake: the sender's chunks. */
  public record Bitfield(int from, long[] have) implements NetMessage, Peer.Command {
    @Override
    public long sizeBytes() {
      return bitfieldBytes(have.length * 64);
    }
  }

  /** The sender now has chunk {@code chunk}. */
  public record Have(int from, int chunk) implements NetMessage, Peer.Command {
    @Override
    public long sizeBytes() {
      return HEADER_BYTES + 4;
    }
  }

  /**
   * The sender wants chunks the receiver has (or, with {@code interested} false, no longer does).
   * {@code seq} counts the sender's interest messages to the receiver: the network may reorder
   * messages, so an older one that arrives late is ignored.
   */
  public record Interest(int from, boolean interested, int seq) implements NetMessage, Peer.Command, FileServer.Command {
    @Override
    public long sizeBytes() {
      return HEADER_BYTES + 4;
    }
  }

  /**
   * The sender will serve the receiver's requests ({@code unchoked}), or stops doing so and drops
   * those it holds. {@code seq} orders them, as for {@link Interest}. {@code sent} counts the
   * chunks the sender has sent the receiver so far: those the receiver has not yet received are on
   * their way (a choke overtakes the chunks ahead of it), and the requests for them still stand.
   */
  public record Choke(int from, boolean unchoked, int seq, int sent) implements NetMessage, Peer.Command {
    @Override
    public long sizeBytes() {
      return HEADER_BYTES + 8;
    }
  }

  /** The sender closes the connection: it leaves the swarm. */
  public record Bye(int from) implements NetMessage, Peer.Command, FileServer.Command {
    @Override
    public long sizeBytes() {
      return HEADER_BYTES;
    }
  }
}
