package org.topolab.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.topolab.engine.MeasuredGroup;
import org.topolab.faults.Availability;
import org.topolab.faults.Fault;
import org.topolab.faults.FaultKind;
import org.topolab.faults.Recovery;
import org.topolab.metrics.Json;
import org.topolab.scenario.RunSetup;

/** A run's {@code faults} in report.json: each fault as it happened, and how long the clients took to recover. */
final class FaultList {

  private FaultList() {}

  /** Writes {@code faults} into {@code out}, the run's entry, from the merged metrics of {@code groups}. */
  static void write(ObjectNode out, RunSetup run, List<MeasuredGroup<?>> groups) {
    List<Availability> clients = new ArrayList<>();
    for (MeasuredGroup<?> group : groups) {
      if (group.metrics() instanceof Availability availability) {
        clients.add(availability);
      }
    }
    ArrayNode list = out.putArray("faults");
    for (Fault fault : run.faults().faults()) {
      ObjectNode entry = list.addObject();
      entry.put("time", Json.seconds(fault.startNanos()));
      entry.put("kind", fault.kind().key());
      entry.put("target", fault.target());
      if (!fault.kind().lasts()) {
        entry.put("end", Json.seconds(fault.startNanos()));
      } else if (fault.endNanos() == Fault.NEVER) {
        entry.putNull("end");
      } else {
        entry.put("end", Json.seconds(fault.endNanos()));
      }
      entry.put("source", fault.source());
      if (clients.isEmpty() || fault.kind() == FaultKind.HEAL) {
        continue; // nobody to tell, or nothing to recover from
      }
      double recovery = Recovery.seconds(fault, clients, run.window());
      if (Double.isNaN(recovery)) {
        entry.putNull("recovery-s");
      } else {
        entry.put("recovery-s", Json.round(recovery, 6));
      }
    }
  }
}
