package org.topolab.cli;

import java.util.function.Function;
import org.topolab.report.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code topolab} command. */
@Command(
    name = "topolab",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = {
      "Runs client-server and peer-to-peer experiments: Pekko actors over a simulated network.",
      "",
      "Examples:",
      "  topolab run scenarios/web-one-server.conf",
      "  topolab run scenarios/web-one-server.conf --set groups.server.workers=8 --seed 7",
      "  topolab validate scenarios/web-load-balanced.conf"
    },
    subcommands = {RunCommand.class, ValidateCommand.class, BenchCommand.class, MemberCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  // The process environment, read through here so that tests can give their own.
  private final Function<String, String> environment;

  private Main(Function<String, String> environment) {
    this.environment = environment;
  }

  /** Where the command line's logging set-up is in the jar; a project using topolab as a library keeps its own. */
  static final String LOGBACK = "org/topolab/cli/logback.xml";

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    // Before anything logs: the command's own logging set-up, unless the user named one.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK);
    }
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code: 0 ok, 1 run failed, 2 bad usage or scenario. */
  public static int execute(String... args) {
    return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
  }

  /** Runs the command line with its output and errors going to {@code out} and {@code err}. */
  public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    return execute(out, err, System::getenv, args);
  }

  /** As {@link #execute(java.io.PrintWriter, java.io.PrintWriter, String...)}, with {@code environment} as the process environment. */
  static int execute(java.io.PrintWriter out, java.io.PrintWriter err, Function<String, String> environment, String... args) {
    return new CommandLine(new Main(environment)).setOut(out).setErr(err).execute(args);
  }

  /** The value of environment variable {@code name}, or null. */
  String environment(String name) {
    return environment.apply(name);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: run, validate, bench, member or help");
  }

  /** Prints topolab's and the JDK's versions. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "topolab " + Version.get(),
        "JDK " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
      };
    }
  }
}
