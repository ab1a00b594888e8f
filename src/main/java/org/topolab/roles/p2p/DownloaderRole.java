package org.topolab.roles.p2p;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.Behavior;
import org.topolab.distribution.Distribution;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;
import org.topolab.role.GroupModel;
import org.topolab.role.GroupSettings;
import org.topolab.role.Role;
import org.topolab.role.SummaryRow;
import org.topolab.settings.Settings;

/**
 * The {@code downloader} role: keys {@code source}, {@code file}, {@code requests-in-flight},
 * {@code retry}, {@code start}.
 */
public final class DownloaderRole implements Role {

  @Override
  public String name() {
    return "downloader";
  }

  @Override
  public GroupModel<?> configure(GroupSettings group) {
    Settings in = group.settings();
    GroupInfo source = in.group("source", List.of("file-server"));
    Downloader.Spec spec =
        new Downloader.Spec(
            source,
            in.string("file", ""),
            in.integer("requests-in-flight", 8, 1, 1_000_000),
            Timeouts.Policy.read(in),
            in.distribution("start", Settings.Quantity.DURATION, new Distribution.Constant(0)));
    FluidBound bound = FluidBound.of(group.group(), source, false, spec.start());
    return downloadGroup(
        group.group().name(),
        () -> new DownloadMetrics(group.window(), group.group().count(), bound),
        (node, metrics) -> Downloader.create(node, spec, metrics),
        null);
  }

  /**
   * The model of a group whose nodes download a file and report it in their {@link
   * DownloadMetrics}; a group of peers (whose {@code peers} policy is not null) also reports the
   * chunk bytes it sent and its {@code security}.
   */
  static GroupModel<DownloadMetrics> downloadGroup(
      String name,
      Supplier<DownloadMetrics> newMetrics,
      BiFunction<NodeContext, DownloadMetrics, Behavior<?>> nodes,
      SwarmSecurity.Policy peers) {
    return new GroupModel<DownloadMetrics>() {
      @Override
      public DownloadMetrics newMetrics() {
        return newMetrics.get();
      }

      @Override
      public Behavior<?> createNode(NodeContext node, DownloadMetrics metrics) {
        return nodes.apply(node, metrics);
      }

      @Override
      public void report(ObjectNode out, DownloadMetrics metrics) {
        if (peers != null) {
          out.put("uploaded-bytes", metrics.uploaded().sum());
        }
        metrics.write(out);
        if (peers != null) {
          metrics.security().write(out, peers);
        }
      }

      @Override
      public void summarize(SummaryRow row, DownloadMetrics metrics) {
        metrics.summarize(name, row);
        if (peers != null) {
          metrics.security().summarize(name, row, peers);
        }
      }
    };
  }
}
