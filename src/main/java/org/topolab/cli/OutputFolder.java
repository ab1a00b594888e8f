package org.topolab.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Checks, before a run, that its report can be written, so that hours of simulation are not lost at the end. */
final class OutputFolder {

  private OutputFolder() {}

  /** Why the report cannot be written into {@code dir}, or null if it can: it creates the folder and a file in it. */
  static String problem(Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".topolab-write-check", ".tmp");
      Files.delete(probe);
      return null;
    } catch (IOException e) {
      return "cannot write the report there: " + reason(e);
    }
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied (" + e.getMessage() + ")";
    }
    if (e instanceof FileAlreadyExistsException) {
      return e.getMessage() + " is a file, not a folder";
    }
    if (e instanceof NoSuchFileException) {
      return e.getMessage() + " cannot be created";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason() + " (" + f.getFile() + ")";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
