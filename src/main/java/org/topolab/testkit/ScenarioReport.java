package org.topolab.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.topolab.metrics.Json;

/** A scenario's report.json, with typed access to its runs; {@link #json()} has all of it. */
public final class ScenarioReport {

  private final ObjectNode json;
  private final List<RunResult> runs = new ArrayList<>();

  ScenarioReport(ObjectNode json) {
    this.json = json;
    json.get("runs").forEach(run -> runs.add(new RunResult((ObjectNode) run)));
  }

  /** The whole report, as report.json would hold it. */
  public ObjectNode json() {
    return json;
  }

  /** The report as JSON text, formatted as report.json is. */
  public String toJson() {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The report without what depends on the wall clock, on how the run was split or on where the
   * scenario file was (the top-level {@code file}; each run's {@code engine.wall-seconds}, {@code
   * spawn-seconds}, {@code partitions} and {@code members}): what the same scenario and seed
   * reproduce exactly, in one piece or in partitions.
   */
  public ObjectNode reproducible() {
    ObjectNode copy = json.deepCopy();
    copy.remove("file");
    List<String> varying = List.of("wall-seconds", "spawn-seconds", "partitions", "members");
    copy.get("runs").forEach(run -> ((ObjectNode) run.get("engine")).remove(varying));
    return copy;
  }

  /** Every run, in the order they ran: sweep point by sweep point, variants within each. */
  public List<RunResult> runs() {
    return List.copyOf(runs);
  }

  /** Run {@code index}, from 0. */
  public RunResult run(int index) {
    if (index < 0 || index >= runs.size()) {
      throw new IllegalArgumentException("the report has runs 0 to " + (runs.size() - 1) + ", not " + index);
    }
    return runs.get(index);
  }

  /** The first run of variant {@code variant}. */
  public RunResult run(String variant) {
    for (RunResult run : runs) {
      if (run.variant().equals(variant)) {
        return run;
      }
    }
    throw new IllegalArgumentException(
        "no run of variant '" + variant + "'; variants: " + String.join(", ", runs.stream().map(RunResult::variant).distinct().toList()));
  }

  /** One run of the report. */
  public record RunResult(ObjectNode json) {

    /** The variant's name. */
    public String variant() {
      return json.get("variant").asText();
    }

    /** The swept parameters' values at this run, by key. */
    public JsonNode params() {
      return json.get("params");
    }

    /** What the engine measured: events, simulated and wall seconds. */
    public JsonNode engine() {
      return json.get("engine");
    }

    /** Group {@code name}'s entry: its role's fields and its traffic. */
    public JsonNode group(String name) {
      JsonNode group = json.get("groups").get(name);
      if (group == null) {
        List<String> names = new ArrayList<>();
        json.get("groups").fieldNames().forEachRemaining(names::add);
        throw new IllegalArgumentException("no group '" + name + "' in this run; groups: " + String.join(", ", names));
      }
      return group;
    }
  }
}
