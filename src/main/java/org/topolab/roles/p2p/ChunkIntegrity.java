package org.topolab.roles.p2p;

import java.security.MessageDigest;

/**
 * A peer's check of the chunks it receives against its file's {@link Manifest}, and its record of
 * the chunks it holds corrupt (kept unverified: it serves them on as they are).
 */
final class ChunkIntegrity {

  private final SharedFile file;
  private final boolean verifies;
  private final SwarmSecurity security;
  private final MessageDigest sha = Manifest.sha256();
  private int corruptHeld;

  /** Checks chunks of {@code file} (its description carries the manifest) if {@code verifies}. */
  ChunkIntegrity(SharedFile file, boolean verifies, SwarmSecurity security) {
    this.file = file;
    this.verifies = verifies;
    this.security = security;
  }

  /**
   * Whether {@code chunk} may be kept: it matches the manifest, or the peer does not verify. One
   * kept corrupt that the peer lacked ({@code fresh}) is held corrupt from now on.
   */
  boolean keep(Wire.Chunk chunk, boolean fresh) {
    int index = chunk.chunk();
    boolean kept = !verifies || file.info().manifest().matches(index, sha.digest(Manifest.content(file.info().file(), index, chunk.corrupt())));
    if (chunk.corrupt()) {
      boolean accepted = kept && fresh;
      security.corrupt(chunk.bytes(), accepted);
      if (accepted) {
        Chunks.set(file.corrupt(), index);
        corruptHeld++;
      }
    }
    return kept;
  }

  /** Whether the peer holds a chunk corrupt. */
  boolean holdsCorrupt() {
    return corruptHeld > 0;
  }
}
