package org.topolab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of report.json's {@code runs}, as the HTML report reads it.
 *
 * @param index the run's position in the report, from 0
 * @param variant the variant's name
 * @param params the swept keys and their values, in sweep order
 * @param groups each group's entry, in the report's order
 * @param warmupSeconds when the measured window starts
 * @param endSeconds when the run's last event happened ({@code engine.simulated-seconds}), or 0
 * @param faults the run's faults, each as {start, end} in seconds: the end is the start for a
 *     fault that does not last, and the end of the workload for one that lasts to the end
 * @param cost the run's {@code cost}, or a missing node when the scenario prices nothing
 */
record ReportRun(
    int index,
    String variant,
    Map<String, JsonNode> params,
    Map<String, JsonNode> groups,
    double warmupSeconds,
    double endSeconds,
    List<double[]> faults,
    JsonNode cost) {

  /** The runs of {@code report}, in its order. */
  static List<ReportRun> all(ObjectNode report) {
    List<ReportRun> runs = new ArrayList<>();
    for (JsonNode run : report.path("runs")) {
      runs.add(new ReportRun(
          runs.size(),
          run.path("variant").asText("default"),
          fields(run.path("params")),
          fields(run.path("groups")),
          run.path("window-s").path("warmup").asDouble(0),
          run.path("engine").path("simulated-seconds").asDouble(0),
          faults(run),
          run.path("cost")));
    }
    return runs;
  }

  private static List<double[]> faults(JsonNode run) {
    List<double[]> faults = new ArrayList<>();
    double workloadEnd = run.path("window-s").path("end").asDouble(0);
    for (JsonNode fault : run.path("faults")) {
      double start = fault.path("time").asDouble();
      JsonNode end = fault.path("end");
      faults.add(new double[] {start, end.isNumber() ? end.asDouble() : workloadEnd});
    }
    return faults;
  }

  /** The value of swept key {@code key} as a number, or NaN where it is not one. */
  double number(String key) {
    JsonNode value = params.get(key);
    return value != null && value.isNumber() ? value.asDouble() : Double.NaN;
  }

  /** The variant and sweep point, such as {@code pool, count=400}: each key by its last part. */
  String label() {
    return label("");
  }

  /** The label without swept key {@code leftOut}, which a chart shows on its x axis instead. */
  String label(String leftOut) {
    StringBuilder label = new StringBuilder(variant);
    params.forEach((key, value) -> {
      if (!key.equals(leftOut)) {
        label.append(", ").append(key.substring(key.lastIndexOf('.') + 1)).append('=').append(value.asText());
      }
    });
    return label.toString();
  }

  private static Map<String, JsonNode> fields(JsonNode object) {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    object.properties().forEach(field -> fields.put(field.getKey(), field.getValue()));
    return fields;
  }
}
