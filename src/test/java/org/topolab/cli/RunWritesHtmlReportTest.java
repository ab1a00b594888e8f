package org.topolab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunWritesHtmlReportTest {

  private static final String SCENARIO = """
      name = "Small web shop"
      seed = 3
      duration = 4s
      warmup = 1s
      groups {
        server {
          role = server
          count = 1
          link { up = 1Gbps, down = 1Gbps }
          workers = 2
          service-time { distribution = exponential, mean = 10ms }
          queue-limit = 50
          response-size = 4KiB
        }
        clients {
          role = client
          count = 5
          link { up = 10Mbps, down = 100Mbps, latency = 5ms }
          target = server
          arrival { distribution = poisson, rate = 5/s }
          request-size = 1KiB
          timeout = 2s
        }
      }
      sweep { "groups.clients.count" = [5, 20] }
      """;

  @Test
  void runWritesThePageBesideTheJsonAndSaysWhere(@TempDir Path dir) throws IOException {
    Path scenario = Files.writeString(dir.resolve("small.conf"), SCENARIO);
    Path out = dir.resolve("out");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();

    int exit = Main.execute(new PrintWriter(stdout), new PrintWriter(stderr), "run", scenario.toString(), "--out", out.toString());

    assertThat(exit).as(stderr.toString()).isZero();
    Path json = out.resolve("report.json");
    Path html = out.resolve("report.html");
    assertThat(json).isRegularFile();
    assertThat(html).isRegularFile();
    assertThat(stdout.toString()).contains(json.toString(), html.toString());
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files).containsExactlyInAnyOrder(json, html);
    }
    String page = Files.readString(html);
    // Against clients.count: 4 client charts and 1 server chart; over time, 2 runs of 3 charts.
    assertThat(page.split("<img src=\"data:image/png;base64,", -1)).hasSize(5 + 2 * 3 + 1);
    assertThat(page).contains("<h1>Small web shop</h1>", "<h3>default, count=5</h3>", "<h3>default, count=20</h3>");
  }

  @Test
  void aScenarioThatDoesNotLoadWritesNothing(@TempDir Path dir) throws IOException {
    Path scenario = Files.writeString(dir.resolve("bad.conf"), SCENARIO.replace("workers = 2", "workers = many"));
    Path out = dir.resolve("out");

    int exit = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        "run", scenario.toString(), "--out", out.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(out).doesNotExist();
  }
}
