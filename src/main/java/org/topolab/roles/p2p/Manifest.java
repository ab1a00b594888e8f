package org.topolab.roles.p2p;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A file's manifest, as its origin publishes it: the SHA-256 digest of each chunk, 32 bytes each,
 * chunk after chunk (what a torrent file's piece hashes are). Chunk content is not simulated byte
 * by byte: a chunk's content is told by its file, its index and whether it is genuine or corrupt,
 * and its digest is SHA-256 over those, encoded as {@link #content}. A peer that verifies a chunk
 * computes the digest of what it received and compares it with the manifest's.
 *
 * @param digests the chunks' digests, concatenated; empty: no manifest
 */
public record Manifest(byte[] digests) {

  /** Bytes of one digest. */
  static final int DIGEST_BYTES = 32;

  /** No manifest: a description that was asked for without one. */
  public static final Manifest NONE = new Manifest(new byte[0]);

  /** The manifest of {@code file}'s {@code chunks} genuine chunks. */
  static Manifest of(String file, int chunks) {
    MessageDigest sha = sha256();
    byte[] digests = new byte[chunks * DIGEST_BYTES];
    for (int chunk = 0; chunk < chunks; chunk++) {
      System.arraycopy(sha.digest(content(file, chunk, false)), 0, digests, chunk * DIGEST_BYTES, DIGEST_BYTES);
    }
    return new Manifest(digests);
  }

  /**
   * The bytes that stand for a chunk's content: the file's name in UTF-8, a zero byte, the chunk's
   * index as 4 bytes (big-endian), and one byte, 0 for the genuine content and 1 for a corrupt one.
   */
  static byte[] content(String file, int chunk, boolean corrupt) {
    byte[] name = file.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(name.length + 6).put(name).put((byte) 0).putInt(chunk).put((byte) (corrupt ? 1 : 0)).array();
  }

  /** A SHA-256 digester; each node keeps its own. */
  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Whether {@code digest} is the manifest's digest of chunk {@code chunk}; false if it has none. */
  boolean matches(int chunk, byte[] digest) {
    int from = chunk * DIGEST_BYTES;
    return chunk >= 0 && from + DIGEST_BYTES <= digests.length
        && Arrays.equals(digests, from, from + DIGEST_BYTES, digest, 0, DIGEST_BYTES);
  }

  /** Bytes on the wire. */
  long sizeBytes() {
    return digests.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Manifest that && Arrays.equals(digests, that.digests);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digests);
  }

  @Override
  public String toString() {
    return "Manifest[" + digests.length / DIGEST_BYTES + " digests]";
  }
}
