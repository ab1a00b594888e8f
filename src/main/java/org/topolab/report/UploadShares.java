package org.topolab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

/**
 * Who uploaded the file in each run that swarmed: the share of the bytes sent by groups of role
 * {@code peer} against those of role {@code file-server}. Runs without peers are left out: their
 * file servers sent everything, which needs no chart.
 */
final class UploadShares {

  private static final Color PEERS = new Color(0x2A9D8F);
  private static final Color FILE_SERVERS = new Color(0x9A9A9A);

  private UploadShares() {}

  /** The chart, or empty when no run has a group that downloads. */
  static Optional<CategoryChart> chart(List<ReportRun> runs) {
    List<ReportRun> swarms = new ArrayList<>();
    for (ReportRun run : runs) {
      boolean downloads = run.groups().values().stream().anyMatch(group -> GroupKind.of(group).orElse(null) == GroupKind.DOWNLOAD);
      if (downloads && bytesSent(run, "peer") > 0) {
        swarms.add(run);
      }
    }
    if (swarms.isEmpty()) {
      return Optional.empty();
    }
    // With one variant and one swept key, the swept value alone names a run and keeps labels short.
    boolean oneVariant = swarms.stream().map(ReportRun::variant).distinct().count() == 1;
    boolean oneKey = swarms.get(0).params().size() == 1;
    String axis = oneVariant && oneKey ? swarms.get(0).variant() + ": " + swarms.get(0).params().keySet().iterator().next() : "run";
    List<String> labels = new ArrayList<>();
    List<Double> peers = new ArrayList<>();
    List<Double> fileServers = new ArrayList<>();
    for (ReportRun run : swarms) {
      double byPeers = bytesSent(run, "peer");
      double byFileServers = bytesSent(run, "file-server");
      labels.add(oneVariant && oneKey ? run.params().values().iterator().next().asText() : run.label());
      peers.add(100 * byPeers / (byPeers + byFileServers));
      fileServers.add(100 * byFileServers / (byPeers + byFileServers));
    }
    CategoryChart chart = Charts.stackedBars("Who uploaded the bytes", axis, "share of the bytes uploaded (%)");
    chart.getStyler().setYAxisMax(100.0);
    chart.getStyler().setXAxisLabelRotation(oneVariant && oneKey || labels.size() <= 4 ? 0 : 30);
    add(chart, "peers (role peer)", labels, peers, PEERS);
    add(chart, "file servers (role file-server)", labels, fileServers, FILE_SERVERS);
    return Optional.of(chart);
  }

  private static void add(CategoryChart chart, String name, List<String> labels, List<Double> shares, Color colour) {
    CategorySeries series = chart.addSeries(name, labels, shares);
    series.setFillColor(colour);
    series.setLineColor(colour);
  }

  private static double bytesSent(ReportRun run, String role) {
    double bytes = 0;
    for (JsonNode group : run.groups().values()) {
      if (role.equals(group.path("role").asText())) {
        bytes += group.path("bytes-sent").asDouble(0);
      }
    }
    return bytes;
  }
}
