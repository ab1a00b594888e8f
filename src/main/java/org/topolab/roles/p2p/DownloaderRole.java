package org.topolab.roles.p2p;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.apache.pekko.actor.typed.Behavior;
import org.topolab.distribution.Distribution;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;
import org.topolab.report.SummaryRow;
import org.topolab.roles.GroupModel;
import org.topolab.roles.GroupSettings;
import org.topolab.roles.Role;
import org.topolab.scenario.Settings;

/** The {@code downloader} role: keys {@code source}, {@code file}, {@code requests-in-flight}, {@code start}. */
public final class DownloaderRole implements Role {

  @Override
  public String name() {
    return "downloader";
  }

  @Override
  public GroupModel configure(GroupSettings group) {
    Settings in = group.settings();
    GroupInfo source = in.group("source", List.of("file-server"));
    Downloader.Spec spec =
        new Downloader.Spec(
            source,
            in.string("file", ""),
            in.integer("requests-in-flight", 8, 1, 1_000_000),
            in.distribution("start", Settings.Quantity.DURATION, new Distribution.Constant(0)));
    FluidBound bound = FluidBound.of(group.group(), source, false, spec.start());
    DownloadMetrics metrics = new DownloadMetrics(group.window(), group.group().count(), bound);
    return downloadGroup(group.group().name(), node -> Downloader.create(node, spec, metrics), metrics, null);
  }

  /**
   * The model of a group whose nodes download a file and report it in {@code metrics}; {@code
   * uploaded}, if not null, counts the chunk bytes the group sent.
   */
  static GroupModel downloadGroup(
      String name,
      Function<NodeContext, Behavior<?>> nodes,
      DownloadMetrics metrics,
      LongAdder uploaded) {
    return new GroupModel() {
      @Override
      public Behavior<?> createNode(NodeContext node) {
        return nodes.apply(node);
      }

      @Override
      public void report(ObjectNode out) {
        if (uploaded != null) {
          out.put("uploaded-bytes", uploaded.sum());
        }
        metrics.write(out);
      }

      @Override
      public void summarize(SummaryRow row) {
        metrics.summarize(name, row);
      }
    };
  }
}
