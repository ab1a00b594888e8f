package org.topolab.roles.p2p;

/**
 * A file as a node serves it: its description, how often the node has sent each chunk (its
 * {@link Uploader} sends the least-sent chunk first, and counts), and the chunks it holds corrupt,
 * which it serves as they are.
 */
record SharedFile(Wire.FileInfo info, int[] timesSent, long[] corrupt) {

  /** {@code info}'s file, no chunk of it sent yet and none corrupt. */
  SharedFile(Wire.FileInfo info) {
    this(info, new int[info.chunks()], Chunks.empty(info.chunks()));
  }
}
