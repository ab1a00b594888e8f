package org.topolab.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topolab.cli.Main;
import org.topolab.node.NodeContext;
import org.topolab.role.GroupMetrics;
import org.topolab.role.GroupModel;
import org.topolab.role.GroupSettings;
import org.topolab.role.Role;

/** A node that throws makes the run fail, rather than vanish from the numbers. */
class NodeFailureTest {

  /** Nodes that throw when their timer fires, node 3 only. */
  public static final class ThrowingRole implements Role {
    @Override
    public String name() {
      return "throwing";
    }

    @Override
    public GroupModel<?> configure(GroupSettings group) {
      return new GroupModel<GroupMetrics.None>() {
        @Override
        public GroupMetrics.None newMetrics() {
          return GroupMetrics.none();
        }

        @Override
        public Behavior<?> createNode(NodeContext node, GroupMetrics.None metrics) {
          return Behaviors.<String>setup(context -> {
            node.after(1_000_000_000L, context.getSelf(), "tick");
            return Behaviors.receiveMessage(tick -> {
              if (node.id() == 3) {
                throw new IllegalStateException("boom at " + node.now());
              }
              return Behaviors.same();
            });
          });
        }

        @Override
        public void report(ObjectNode out, GroupMetrics.None metrics) {}
      };
    }
  }

  private static int run(Path dir, String time, StringWriter err) throws Exception {
    Path scenario = dir.resolve("failing.conf");
    // In real time node 3 throws 0.1 s into a 2 s run: the 1.9 s left is slack for a busy machine,
    // since a node whose tick is still queued when the run ends is stopped without throwing.
    Files.writeString(scenario, String.join("\n",
        "duration = 20s",
        "time-scale = 10",
        "groups { nodes { role = \"" + ThrowingRole.class.getName() + "\", count = 5 } }"));
    return Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
        "run", scenario.toString(), "--out", dir.resolve("out").toString(), "--time", time);
  }

  @Test
  void aNodeThatThrowsFailsTheRunWithExitCode1AndNamesTheNode(@TempDir Path dir) throws Exception {
    for (String time : new String[] {"virtual", "real"}) {
      StringWriter err = new StringWriter();
      assertThat(run(dir, time, err)).as(time).isEqualTo(1);
      // In virtual time the timer fires at exactly 1 s; in real time a little later.
      String expected = "run failed: node nodes-3 failed: java.lang.IllegalStateException: boom at ";
      assertThat(err.toString()).as(time).contains(time.equals("virtual") ? expected + "1000000000\n" : expected);
      assertThat(err.toString()).doesNotContain("\tat ");
      assertThat(dir.resolve("out/report.json")).doesNotExist();
    }
  }
}
