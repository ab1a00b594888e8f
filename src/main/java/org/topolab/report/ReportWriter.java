package org.topolab.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.topolab.metrics.Json;
import org.topolab.scenario.Experiment;

/** Writes report.json: the experiment, then one entry per run. */
public final class ReportWriter {

  private ReportWriter() {}

  /** The whole report of {@code experiment} with its {@code runs}. */
  public static ObjectNode report(Experiment experiment, List<ObjectNode> runs) {
    ObjectNode report = Json.object();
    report.put("topolab", Version.get());
    report.put("scenario", experiment.name());
    report.put("file", experiment.file().toString().replace('\\', '/'));
    report.put("jdk", System.getProperty("java.version"));
    report.put("complete", true);
    ArrayNode array = report.putArray("runs");
    runs.forEach(array::add);
    return report;
  }

  /**
   * Writes {@code report} to {@code dir/report.json}, through a temporary file, so that a reader
   * never sees half a report.
   */
  public static Path write(Path dir, ObjectNode report) throws IOException {
    return ReportFiles.write(dir, "report.json", Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
  }
}
