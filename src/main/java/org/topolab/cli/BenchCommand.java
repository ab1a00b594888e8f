package org.topolab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.topolab.bench.EngineBenchmark;
import org.topolab.scenario.RunParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code topolab bench}: measures the engine's speed and memory per node in virtual time. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure the engine's speed and memory per node on a client-server workload.",
      "Simulated events per second and heap per node in virtual time, at the given sizes. Results go",
      "to standard output (and to docs/performance.md by hand)."
    })
final class BenchCommand implements Callable<Integer> {

  @Option(names = "--nodes", split = ",", paramLabel = "N", description = "Client counts to measure (default: 10000,100000).")
  List<Integer> nodes = List.of(10_000, 100_000);

  @Option(names = "--seconds", paramLabel = "S", description = "Simulated seconds per measurement (default: 20).")
  int seconds = 20;

  @Option(
      names = "--partitions",
      paramLabel = "K",
      description = "Split each run into K partitions, one thread each (default 1); CPU is then the whole process's.")
  int partitions = 1;

  @Option(
      names = "--local-cluster",
      paramLabel = "K",
      description = "Run on K member JVMs on this machine (each with --partitions partitions); only wall time and events/s.")
  Integer localCluster;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** What is wrong with the options, or null. */
  private String usageProblem() {
    if (partitions < 1 || partitions > RunCommand.MAX_PARTITIONS) {
      return "--partitions: expected a whole number from 1 to " + RunCommand.MAX_PARTITIONS + ", found " + partitions;
    }
    // The workload adds one server to the clients.
    for (int count : nodes) {
      if (count < 1 || count >= RunParser.MAX_NODES) {
        return "--nodes: expected client counts from 1 to " + (RunParser.MAX_NODES - 1) + ", found " + count;
      }
    }
    if (seconds < 1) {
      return "--seconds: expected a whole number of simulated seconds of at least 1, found " + seconds;
    }
    return null;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    String usage = usageProblem();
    if (usage != null) {
      spec.commandLine().getErr().println(usage);
      return 2;
    }
    if (localCluster != null) {
      if (localCluster < 1 || localCluster > RunCommand.MAX_LOCAL_MEMBERS || out != null) {
        spec.commandLine().getErr().println("--local-cluster: expected 1 to " + RunCommand.MAX_LOCAL_MEMBERS + " members, and no --out");
        return 2;
      }
      EngineBenchmark.onLocalCluster(nodes, seconds, localCluster, partitions, stdout);
      return 0;
    }
    EngineBenchmark.run(nodes, seconds, partitions, stdout, out);
    return 0;
  }
}
