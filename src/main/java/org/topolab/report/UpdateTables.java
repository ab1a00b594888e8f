package org.topolab.report;

import static org.topolab.report.HtmlReport.escape;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * When each update reached each coverage level, per receiving group of the runs shown: report.json
 * has the levels of each update, not the whole curve of coverage over time, so a table says it all.
 */
final class UpdateTables {

  /** Above this many updates, a group's table shows the first ones and says how many more there are. */
  static final int MAX_ROWS = 20;

  /** The coverage levels of report.json's {@code coverage-s}, in percent of the group's nodes. */
  private static final List<String> LEVELS = List.of("50", "90", "99", "100");

  private UpdateTables() {}

  /** Appends the section, if any run shown has a receiving group. */
  static void append(StringBuilder page, List<ReportRun> runs, List<ReportRun> shown) {
    String sections = HtmlReport.runSections(shown, UpdateTables::tables);
    if (sections.isEmpty()) {
      return;
    }
    page.append("<h2>Each update</h2>\n<p>For each group that receives updates: each update released in the measured window, ")
        .append("and how long after its release 50%, 90%, 99% and 100% of the group's nodes had it, in seconds; ")
        .append("<em>not reached</em> where fewer nodes ever had it. The runs table gives, per level, the mean over the updates ")
        .append("that reached it.");
    if (shown.size() < runs.size()) {
      page.append(" Shown for the first and last sweep point of each variant (")
          .append(shown.size()).append(" of ").append(runs.size()).append(" runs); report.json has them all.");
    }
    page.append("</p>\n").append(sections);
  }

  /** The tables of {@code run}'s receiving groups. */
  private static void tables(ReportRun run, StringBuilder out) {
    run.groups().forEach((group, entry) -> {
      if (GroupKind.of(entry).orElse(null) == GroupKind.UPDATES) {
        table(group, entry.path("updates"), out);
      }
    });
  }

  private static void table(String group, JsonNode updates, StringBuilder out) {
    JsonNode perUpdate = updates.path("per-update");
    if (!perUpdate.isArray() || perUpdate.isEmpty()) {
      out.append("<p>").append(escape(group)).append(": no update was released in the measured window.</p>\n");
      return;
    }
    long everyNode = 0;
    for (JsonNode update : perUpdate) {
      everyNode += update.path("coverage-s").path("100").isNumber() ? 1 : 0;
    }
    out.append("<table class=\"updates\">\n<caption>").append(escape(group)).append(": ")
        .append(updates.path("nodes").asText("?")).append(" nodes, ")
        .append(perUpdate.size()).append(perUpdate.size() == 1 ? " update" : " updates").append(", ")
        .append(everyNode).append(" reached every node</caption>\n<thead>\n<tr><th class=\"num\">version</th>")
        .append("<th class=\"num\">released s</th>");
    LEVELS.forEach(level -> out.append("<th class=\"num\">").append(level).append("% s</th>"));
    out.append("</tr>\n</thead>\n<tbody>\n");
    for (int i = 0; i < Math.min(perUpdate.size(), MAX_ROWS); i++) {
      JsonNode update = perUpdate.get(i);
      out.append("<tr><td class=\"num\">").append(escape(update.path("version").asText())).append("</td>")
          .append("<td class=\"num\">").append(seconds(update.path("released-s"))).append("</td>");
      LEVELS.forEach(level ->
          out.append("<td class=\"num\">").append(seconds(update.path("coverage-s").path(level))).append("</td>"));
      out.append("</tr>\n");
    }
    if (perUpdate.size() > MAX_ROWS) {
      out.append("<tr><td colspan=\"").append(2 + LEVELS.size()).append("\">and ").append(perUpdate.size() - MAX_ROWS)
          .append(" more in report.json</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n");
  }

  /** A time in seconds to the millisecond, or {@code not reached} where the report has none. */
  private static String seconds(JsonNode value) {
    return value.isNumber() ? String.format(Locale.ROOT, "%.3f", value.asDouble()) : "<em>not reached</em>";
  }
}
