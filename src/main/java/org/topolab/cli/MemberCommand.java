package org.topolab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.topolab.cluster.ClusterSettings;
import org.topolab.cluster.Member;
import org.topolab.engine.PekkoConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code topolab member}: joins a cluster and runs its share of the runs it is given. */
@Command(
    name = "member",
    mixinStandardHelpOptions = true,
    description = {
      "Start a cluster member that joins the cluster and waits for runs.",
      "It joins through the seed nodes and takes runs from `topolab run FILE --cluster HOST:PORT,...`.",
      "Settings not given here come from topolab.cluster in application.conf. It runs until stopped",
      "(Ctrl-C or SIGTERM). See docs/cluster.md."
    })
final class MemberCommand implements Callable<Integer> {

  @Option(names = "--host", paramLabel = "HOST", description = "The address other members reach this one at (default: topolab.cluster.host).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", description = "The port to listen on; 0 for any free port (default: topolab.cluster.port).")
  Integer port;

  @Option(
      names = "--seed-nodes",
      split = ",",
      paramLabel = "HOST:PORT",
      description = "Members to join through; none for the first member (default: topolab.cluster.seed-nodes).")
  List<String> seedNodes;

  @Option(names = "--partitions", paramLabel = "K", description = "Partitions this member runs at once, one thread each (default 1).")
  int partitions = 1;

  @Option(names = "--exit-with-parent", hidden = true, description = "End when standard input closes (members of a local cluster).")
  boolean exitWithParent;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    if (partitions < 1 || partitions > RunCommand.MAX_PARTITIONS) {
      stderr.println("--partitions: expected a whole number from 1 to " + RunCommand.MAX_PARTITIONS + ", found " + partitions);
      return 2;
    }
    ClusterSettings settings;
    try {
      settings = ClusterSettings.from(PekkoConfig.load()).with(host, port, seedNodes);
    } catch (IllegalArgumentException e) {
      stderr.println(e.getMessage());
      return 2;
    }
    Member member = Member.start(settings, PekkoConfig.load(), partitions);
    Runtime.getRuntime().addShutdownHook(new Thread(member::close, "topolab-member-stop"));
    if (exitWithParent) {
      member.endWith(System.in);
    }
    stdout.println(Member.LISTENING + member.address() + " with " + partitions + " partition" + (partitions == 1 ? "" : "s")
        + (settings.seedNodes().isEmpty() ? ", a new cluster" : ", joining " + String.join(", ", settings.seedNodes())));
    stdout.flush();
    member.awaitTermination();
    return 0;
  }
}
