package org.topolab.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.topolab.cluster.LocalCluster;
import org.topolab.engine.LocalDeployment;
import org.topolab.engine.PekkoConfig;
import org.topolab.engine.RunStats;
import org.topolab.metrics.Json;
import org.topolab.roles.RoleRegistry;
import org.topolab.scenario.Experiment;
import org.topolab.scenario.RunParser;
import org.topolab.scenario.RunSetup;
import org.topolab.scenario.ScenarioLoader;
import org.topolab.settings.Problems;

/**
 * Measures the engine in virtual time: timed events per wall-clock second on the single simulation
 * thread, and heap per node, on an open-loop client-server workload of a given number of clients.
 */
public final class EngineBenchmark {

  private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private EngineBenchmark() {}

  /** One measurement. */
  public record Result(
      int clients,
      int nodes,
      long events,
      double simulatedSeconds,
      double spawnSeconds,
      double runSeconds,
      double eventsPerSecond,
      double cpuSeconds,
      double eventsPerCpuSecond,
      double bytesPerNode) {}

  /**
   * Measures each size in {@code clients}, split into {@code partitions}, and prints a table;
   * writes JSON too if {@code json} is set.
   */
  public static void run(List<Integer> clients, int seconds, int partitions, PrintWriter out, Path json) throws Exception {
    out.printf("topolab engine benchmark, virtual time, %d partition%s, JDK %s, %d cores, max heap %d MB%n",
        partitions, partitions == 1 ? "" : "s",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    out.printf("%9s %7s %11s %8s %8s %12s %8s %14s %10s%n",
        "clients", "nodes", "events", "spawn s", "run s", "events/s", "cpu s", "events/cpu-s", "bytes/node");
    out.flush();
    ArrayNode results = Json.MAPPER.createArrayNode();
    for (int count : clients) {
      Result result = measure(count, seconds, partitions);
      out.printf("%9d %7d %11d %8.2f %8.2f %,12.0f %8.2f %,14.0f %10.0f%n", result.clients(), result.nodes(),
          result.events(), result.spawnSeconds(), result.runSeconds(), result.eventsPerSecond(), result.cpuSeconds(),
          result.eventsPerCpuSecond(), result.bytesPerNode());
      out.flush();
      results.add(Json.MAPPER.valueToTree(result));
    }
    if (json != null) {
      ObjectNode report = Json.object();
      report.put("jdk", System.getProperty("java.version"));
      report.put("cores", Runtime.getRuntime().availableProcessors());
      report.put("partitions", partitions);
      report.set("results", results);
      Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), report);
    }
  }

  /**
   * Runs {@code clients} clients (1 request/s each, Poisson) against enough servers for {@code
   * seconds}, split into {@code partitions}. The network's smallest latency, 5 ms, is the lookahead.
   */
  public static Result measure(int clients, int seconds, int partitions) throws Exception {
    RunSetup setup = workload(clients, seconds);
    try (LocalDeployment deployment = new LocalDeployment(PekkoConfig.load(), partitions)) {
      long[] ready = new long[3];
      deployment.onReady(() -> {
        ready[0] = usedHeap();
        ready[1] = System.nanoTime();
        ready[2] = cpuNanos(partitions);
      });
      long start = System.nanoTime();
      RunStats stats = deployment.execute(setup, now -> {});
      // In one partition the simulation runs on this thread: its CPU time is the time on one
      // core, whatever else the machine is doing (garbage collection runs on other threads and is
      // not in it). Split, it runs on several threads: the process's CPU time, collector included.
      double cpuSeconds = (cpuNanos(partitions) - ready[2]) / 1e9;
      long end = start + stats.wallNanos();
      // Heap with every node alive, less heap once the run's nodes, ports and queues are gone.
      long heapAfter = usedHeap();
      int nodes = setup.topology().size();
      double runSeconds = (end - ready[1]) / 1e9;
      return new Result(clients, nodes, stats.events(), stats.simulatedNanos() / 1e9, stats.spawnNanos() / 1e9,
          runSeconds, stats.events() / runSeconds, cpuSeconds, stats.events() / cpuSeconds,
          (double) (ready[0] - heapAfter) / nodes);
    }
  }

  /**
   * The same workload on a cluster of {@code members} JVMs on this machine, {@code partitions}
   * each: events per second of wall time from the members' preparing (spawning) to the last result.
   */
  public static void onLocalCluster(List<Integer> clients, int seconds, int members, int partitions, PrintWriter out) throws Exception {
    out.printf("topolab engine benchmark, virtual time, %d member JVMs of %d partition%s on this machine, JDK %s, %d cores%n",
        members, partitions, partitions == 1 ? "" : "s", System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
    out.printf("%9s %7s %11s %14s %12s%n", "clients", "nodes", "events", "spawn+run s", "events/s");
    out.flush();
    try (LocalCluster cluster = LocalCluster.start(members, partitions, PekkoConfig.load())) {
      for (int count : clients) {
        RunSetup setup = workload(count, seconds);
        RunStats stats = cluster.execute(setup, now -> {});
        double wall = stats.wallNanos() / 1e9;
        out.printf("%9d %7d %11d %14.2f %,12.0f%n", count, setup.topology().size(), stats.events(), wall, stats.events() / wall);
        out.flush();
      }
    }
  }

  /** {@code clients} clients (1 request/s each, Poisson) against one server per thousand, for {@code seconds}. */
  private static RunSetup workload(int clients, int seconds) throws Exception {
    int servers = Math.max(1, clients / 1000);
    String scenario = String.join("\n",
        "name = \"engine benchmark\"",
        "seed = 1",
        "duration = " + seconds + "s",
        "network { latency = { distribution = uniform, min = 5ms, max = 30ms } }",
        "groups {",
        "  servers { role = server, count = " + servers + ", workers = 8,",
        "            service-time = { distribution = exponential, mean = 4ms },",
        "            link { up = 1Gbps, down = 1Gbps } }",
        "  clients { role = client, count = " + clients + ", target = servers,",
        "            arrival { distribution = poisson, rate = 1/s }, timeout = 2s,",
        "            request-size = 500B, response-size = 4KiB, link { up = 10Mbps, down = 50Mbps } }",
        "}");
    Path file = Files.createTempFile("topolab-bench", ".conf");
    try {
      Files.writeString(file, scenario);
      RoleRegistry roles = new RoleRegistry();
      Experiment experiment = new ScenarioLoader(roles).load(file, List.of());
      return new RunParser(roles).parse(experiment.runs().get(0), new Problems(file.toString()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the benchmark's scenario: " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static long cpuNanos(int partitions) {
    return partitions == 1
        ? THREADS.getCurrentThreadCpuTime()
        : ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
