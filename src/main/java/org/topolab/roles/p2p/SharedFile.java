package org.topolab.roles.p2p;

/**
 * A file as a node serves it: its description, and how often the node has sent each chunk (its
 * {@link Uploader} sends the least-sent chunk first, and counts).
 */
record SharedFile(Wire.FileInfo info, int[] timesSent) {

  /** {@code info}'s file, no chunk of it sent yet. */
  SharedFile(Wire.FileInfo info) {
    this(info, new int[info.chunks()]);
  }
}
