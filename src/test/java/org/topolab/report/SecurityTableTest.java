package org.topolab.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.topolab.metrics.Json;

/** report.html's security table: a row per run and group that reports {@code security}, none without. */
class SecurityTableTest {

  private static ObjectNode run(ArrayNode runs, String variant) {
    ObjectNode run = runs.addObject();
    run.put("variant", variant);
    return run.putObject("groups");
  }

  @Test
  void eachRunsProtectedAndAttackingGroupsSideBySide() {
    ObjectNode report = Json.object();
    ArrayNode runs = report.putArray("runs");
    for (String variant : new String[] {"open", "protected"}) {
      boolean on = variant.equals("protected");
      ObjectNode groups = run(runs, variant);
      ObjectNode server = groups.putObject("server").putObject("security");
      server.put("protected", on).put("unauthorised-attempts", 1234).put("unauthorised-served", on ? 0 : 1234).put("rate-limited", on ? 77 : 0);
      groups.putObject("intruders").putObject("security").put("attack", "no-credentials").putNull("user");
      groups.putObject("plain"); // no security: no row
    }
    ObjectNode peers = run(runs, "swarm").putObject("peers").putObject("security");
    peers.put("protected", false).put("malicious", 20).put("malice", "corrupt").put("corrupt-chunks-received", 31)
        .put("corrupt-chunks-accepted", 30).put("wasted-bytes", 8_126_464).put("completed-corrupt", 5).put("banned-peers", 0);

    String html = HtmlReport.render(report);
    String table = html.substring(html.indexOf("<h2>Security</h2>"));
    assertThat(table).contains(
        "<tr><td>open</td><td>server</td><td></td><td class=\"num\">no</td><td class=\"num\">1234</td><td class=\"num\">1234</td><td class=\"num\">0</td>",
        "<tr><td>protected</td><td>server</td><td></td><td class=\"num\">yes</td><td class=\"num\">1234</td><td class=\"num\">0</td><td class=\"num\">77</td>",
        "<tr><td>open</td><td>intruders</td><td>no-credentials</td>",
        "<tr><td>swarm</td><td>peers</td><td>20 corrupt</td><td class=\"num\">no</td><td class=\"num\"></td>",
        "<td class=\"num\">31</td><td class=\"num\">30</td><td class=\"num\">8.1</td><td class=\"num\">5</td><td class=\"num\">0</td></tr>");
    assertThat(table).doesNotContain(">plain<");

    runs.forEach(run -> run.path("groups").forEach(group -> ((ObjectNode) group).remove("security")));
    assertThat(HtmlReport.render(report)).doesNotContain("<h2>Security</h2>");
  }
}
