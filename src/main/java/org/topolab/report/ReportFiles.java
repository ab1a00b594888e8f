package org.topolab.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/** Writes a report's files whole or not at all, readable by whoever the user's umask allows. */
final class ReportFiles {

  private ReportFiles() {}

  /**
   * Writes {@code content} to {@code dir/name} through a temporary file beside it, so that a reader
   * never sees half a file. The temporary file is created as any new file is (mode 666 less the
   * umask, usually 644): a temporary-file API would make it 600, and the report with it.
   */
  static Path write(Path dir, String name, byte[] content) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(name);
    Path temporary = newTemporary(dir, name);
    try {
      try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.WRITE)) {
        out.write(content);
      }
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
    return target;
  }

  private static Path newTemporary(Path dir, String name) throws IOException {
    while (true) {
      Path candidate = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
      try {
        return Files.createFile(candidate);
      } catch (FileAlreadyExistsException e) {
        // another writer's temporary file: draw another name
      }
    }
  }
}
