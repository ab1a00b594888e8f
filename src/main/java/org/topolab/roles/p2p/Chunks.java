package org.topolab.roles.p2p;

/** Bitfields of chunks as arrays of 64-bit words: chunk i is bit i % 64 of word i / 64. */
final class Chunks {

  private Chunks() {}

  /** An empty bitfield for {@code chunks} chunks. */
  static long[] empty(int chunks) {
    return new long[(chunks + 63) / 64];
  }

  /** A bitfield with all {@code chunks} chunks. */
  static long[] full(int chunks) {
    long[] bits = empty(chunks);
    for (int i = 0; i < chunks; i++) {
      set(bits, i);
    }
    return bits;
  }

  static boolean has(long[] bits, int chunk) {
    return (bits[chunk >>> 6] & (1L << chunk)) != 0;
  }

  static void set(long[] bits, int chunk) {
    bits[chunk >>> 6] |= 1L << chunk;
  }

  static void clear(long[] bits, int chunk) {
    bits[chunk >>> 6] &= ~(1L << chunk);
  }

  static int count(long[] bits) {
    int count = 0;
    for (long word : bits) {
      count += Long.bitCount(word);
    }
    return count;
  }
}
