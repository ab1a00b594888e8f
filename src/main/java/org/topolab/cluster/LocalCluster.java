package org.topolab.cluster;

import com.typesafe.config.Config;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.topolab.engine.Deployment;
import org.topolab.engine.RunStats;
import org.topolab.scenario.RunSetup;
import org.topolab.settings.Problems;

/**
 * A cluster on this machine, for trying cluster mode without other machines: K member JVMs on
 * 127.0.0.1, started from this JVM's own class path, joined by this JVM as the coordinator, and
 * stopped at the end. A member ends when its standard input, a pipe from this JVM, closes, so
 * none outlives this JVM however it ends.
 */
public final class LocalCluster implements Deployment {

  private static final String HOST = "127.0.0.1";

  private final List<Process> members = new ArrayList<>();
  // Ends the members if this JVM is stopped (SIGTERM) before close().
  private final Thread hook = new Thread(this::stopMembers, "topolab-local-cluster-stop");
  private ClusterDeployment deployment;

  private LocalCluster() {}

  /**
   * Starts {@code count} members of {@code slots} partitions each and joins them; {@code base} is
   * topolab's configuration for this JVM.
   *
   * @throws IllegalStateException if a member does not start
   */
  public static LocalCluster start(int count, int slots, Config base) throws InterruptedException {
    LocalCluster cluster = new LocalCluster();
    Runtime.getRuntime().addShutdownHook(cluster.hook);
    try {
      String seed = cluster.startMember(slots, List.of());
      for (int m = 1; m < count; m++) {
        cluster.startMember(slots, List.of(seed));
      }
      ClusterSettings coordinator = new ClusterSettings(HOST, 0, List.of(seed));
      cluster.deployment = ClusterDeployment.join(coordinator, base, count, Duration.ofSeconds(120));
      return cluster;
    } catch (RuntimeException | InterruptedException e) {
      cluster.close();
      throw e;
    }
  }

  /** Starts a member process; returns its address once it listens. */
  private String startMember(int slots, List<String> seeds) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The members get this JVM's memory and collector settings.
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (option.startsWith("-X") || option.startsWith("-XX:")) {
        command.add(option);
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.topolab.cli.Main", "member",
        "--host", HOST, "--port", "0", "--partitions", Integer.toString(slots), "--exit-with-parent"));
    if (!seeds.isEmpty()) {
      command.addAll(List.of("--seed-nodes", String.join(",", seeds)));
    }
    try {
      Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      members.add(process);
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(Member.LISTENING)) {
          drain(out);
          return line.substring(Member.LISTENING.length()).split(" ")[0];
        }
      }
      throw new IllegalStateException("member " + members.size() + " of the local cluster ended before it listened (exit code "
          + process.waitFor() + "); its errors are above");
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a member JVM: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a member started", e);
    }
  }

  /** Reads a member's further output so that it never blocks on a full pipe. */
  private static void drain(BufferedReader out) {
    Thread reader = new Thread(() -> {
      try {
        while (out.readLine() != null) {
          // a member prints nothing else that matters
        }
      } catch (IOException e) {
        // the member has ended
      }
    }, "topolab-member-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** The member processes, in the order they started. */
  public List<Process> processes() {
    return List.copyOf(members);
  }

  /** The coordinator's view of the members. */
  public ClusterDeployment deployment() {
    return deployment;
  }

  @Override
  public void check(RunSetup run, Problems problems) {
    deployment.check(run, problems);
  }

  @Override
  public RunStats execute(RunSetup run, LongConsumer progress) throws Exception {
    return deployment.execute(run, progress);
  }

  /** Leaves the cluster and ends every member process. */
  @Override
  public void close() {
    if (deployment != null) {
      deployment.close();
    }
    stopMembers();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook is running or has run
    }
  }

  private synchronized void stopMembers() {
    for (Process member : members) {
      try {
        member.getOutputStream().close(); // the member's cue to leave
      } catch (IOException e) {
        // already gone
      }
    }
    for (Process member : members) {
      try {
        if (!member.waitFor(30, TimeUnit.SECONDS)) {
          member.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        member.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
