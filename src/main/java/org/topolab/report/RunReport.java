package org.topolab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.topolab.cost.RunCost;
import org.topolab.engine.MeasuredGroup;
import org.topolab.engine.RunStats;
import org.topolab.metrics.Json;
import org.topolab.network.GroupTraffic;
import org.topolab.node.GroupInfo;
import org.topolab.role.SummaryRow;
import org.topolab.scenario.RunSetup;
import org.topolab.time.TimeMode;

/** Turns one finished run into its entry of report.json and its row of the console summary. */
public final class RunReport {

  private RunReport() {}

  /** The run's entry in {@code runs}. */
  public static ObjectNode json(RunSetup run, RunStats stats) {
    ObjectNode out = Json.object();
    out.put("variant", run.spec().variant());
    ObjectNode params = out.putObject("params");
    for (Map.Entry<String, Object> param : run.spec().params().entrySet()) {
      params.set(param.getKey(), Json.MAPPER.valueToTree(param.getValue()));
    }
    out.put("seed", run.seed());
    out.put("time", run.time().name().toLowerCase());
    ObjectNode window = out.putObject("window-s");
    window.put("warmup", Json.seconds(run.window().warmupNanos()));
    window.put("end", Json.seconds(run.window().endNanos()));
    ObjectNode engine = out.putObject("engine");
    engine.put("events", stats.events());
    engine.put("simulated-seconds", Json.seconds(stats.simulatedNanos()));
    engine.put("wall-seconds", Json.round(stats.wallNanos() / 1e9, 3));
    engine.put("spawn-seconds", Json.round(stats.spawnNanos() / 1e9, 3));
    engine.put("partitions", stats.partitions());
    engine.put("members", stats.members());
    if (run.time() == TimeMode.VIRTUAL) {
      // The same scenario and seed fire the same events in the same order: equal fingerprints show it.
      engine.put("fingerprint", String.format("%016x", stats.fingerprint()));
    } else {
      // How far the machine fell behind the scaled clock: large values mean time-scale is too high.
      ObjectNode lag = engine.putObject("timer-lag-ms");
      lag.put("mean", Json.millis(stats.meanLagNanos()));
      lag.put("max", Json.millis(stats.maxLagNanos()));
      // Messages from other members that came after their time: none in one JVM.
      engine.put("late-messages", stats.lateMessages());
    }
    ObjectNode groups = out.putObject("groups");
    List<GroupInfo> infos = run.topology().groups();
    for (int g = 0; g < infos.size(); g++) {
      GroupInfo group = infos.get(g);
      ObjectNode entry = groups.putObject(group.name());
      entry.put("role", group.role());
      entry.put("count", group.count());
      writeTraffic(entry, group, stats.traffic().get(g));
      stats.groups().get(g).report(entry);
    }
    FaultList.write(out, run, stats.groups());
    RunCost.write(run.cost(), out);
    return out;
  }

  /** The run's row in the console summary; {@code json} is the run's entry that {@link #json} made. */
  public static SummaryRow row(RunSetup run, RunStats stats, JsonNode json) {
    Map<String, String> params = new LinkedHashMap<>();
    run.spec().params().forEach((key, value) -> params.put(shortKey(key), String.valueOf(value)));
    SummaryRow row = new SummaryRow(run.spec().variant(), params);
    for (MeasuredGroup<?> group : stats.groups()) {
      group.summarize(row);
    }
    RunCost.summarize(json, row);
    if (run.time() == TimeMode.REAL) {
      row.put("lag ms", String.format("%.1f", stats.meanLagNanos() / 1e6));
    }
    row.put("wall s", String.format("%.2f", stats.wallNanos() / 1e9));
    return row;
  }

  private static void writeTraffic(ObjectNode entry, GroupInfo group, GroupTraffic traffic) {
    entry.put("messages-sent", traffic.messagesSent());
    entry.put("bytes-sent", traffic.bytesSent());
    entry.put("messages-received", traffic.messagesReceived());
    entry.put("bytes-received", traffic.bytesReceived());
    entry.put("dropped", traffic.dropped());
    ObjectNode perNode = entry.putObject("per-node");
    ObjectNode sent = perNode.putObject("bytes-sent");
    sent.put("min", traffic.minBytesSent());
    sent.put("mean", Json.round((double) traffic.bytesSent() / group.count(), 1));
    sent.put("max", traffic.maxBytesSent());
    ObjectNode received = perNode.putObject("bytes-received");
    received.put("min", traffic.minBytesReceived());
    received.put("mean", Json.round((double) traffic.bytesReceived() / group.count(), 1));
    received.put("max", traffic.maxBytesReceived());
  }

  /** The last two parts of a swept key (clients.count): what a reader needs in a narrow column. */
  private static String shortKey(String key) {
    int dot = key.lastIndexOf('.');
    return dot > 0 ? key.substring(key.lastIndexOf('.', dot - 1) + 1) : key;
  }
}
