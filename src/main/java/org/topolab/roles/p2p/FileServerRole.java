package org.topolab.roles.p2p;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.Behavior;
import org.topolab.node.NodeContext;
import org.topolab.role.GroupModel;
import org.topolab.role.GroupSettings;
import org.topolab.role.Role;
import org.topolab.settings.Settings;

/**
 * The {@code file-server} role: keys {@code file-size} (one file, called {@code file}) or {@code
 * files} (names and sizes), {@code chunk-size}, and for seeding a swarm {@code upload-slots} and
 * {@code rechoke-interval}.
 */
public final class FileServerRole implements Role {

  /** The name of the file a server holds when only {@code file-size} is given. */
  public static final String DEFAULT_FILE = "file";

  @Override
  public String name() {
    return "file-server";
  }

  @Override
  public GroupModel<?> configure(GroupSettings group) {
    Settings in = group.settings();
    List<FileServer.StoredFile> files = new ArrayList<>();
    if (in.has("files") == in.has("file-size")) {
      in.problem(
          in.has("files") ? "file-size" : "files",
          in.has("files")
              ? "give either file-size (one file) or files (several), not both"
              : "a file server needs file-size = 100MB, or files { \"movie.mkv\" = 100MB, \"notes.txt\" = 20KB }");
    }
    if (in.has("files")) {
      Settings list = in.object("files");
      for (String name : list.keys()) {
        files.add(new FileServer.StoredFile(name, list.size(name, null)));
      }
      if (list.keys().isEmpty()) {
        in.problem("files", "names no file; expected files { \"movie.mkv\" = 100MB }");
      }
    } else if (in.has("file-size")) {
      files.add(new FileServer.StoredFile(DEFAULT_FILE, in.size("file-size", null)));
    }
    if (files.isEmpty()) {
      files.add(new FileServer.StoredFile(DEFAULT_FILE, 0));
    }
    long chunkSize = in.size("chunk-size", 256L << 10);
    if (chunkSize < 1 || chunkSize > Integer.MAX_VALUE) {
      in.problem("chunk-size", "must be from 1B to 2GB; expected a size such as 256KiB or 1MiB");
      chunkSize = 256L << 10;
    }
    Uploader.Policy seeding = PeerRole.uploading(in, false);
    FileServer.Spec spec = new FileServer.Spec(List.copyOf(files), (int) chunkSize, seeding);
    return new GroupModel<Uploads>() {
      @Override
      public Uploads newMetrics() {
        return new Uploads();
      }

      @Override
      public Behavior<?> createNode(NodeContext node, Uploads metrics) {
        return FileServer.create(node, spec, metrics.bytes());
      }

      @Override
      public void report(ObjectNode out, Uploads metrics) {
        LongAdder uploaded = metrics.bytes();
        ObjectNode held = out.putObject("files");
        spec.files().forEach(file -> held.put(file.name(), file.size()));
        out.put("chunk-size", spec.chunkSize());
        out.put("uploaded-bytes", uploaded.sum());
      }
    };
  }
}
