package org.topolab.report;

import static org.topolab.report.HtmlReport.escape;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * What attacked each group and what protection did, for every run whose groups report {@code
 * security} (docs/report.md): one row per run and group, so that runs with and without protection
 * stand side by side. A cell is empty where the group does not count that.
 */
final class SecurityTable {

  /** The columns after run and group: heading, tooltip, and the field of {@code security} shown. */
  private static final List<String[]> COLUMNS = List.of(
      new String[] {"protected", "access control enforced, or chunks verified", "protected"},
      new String[] {"unauthorised", "requests the access-control list does not allow", "unauthorised-attempts"},
      new String[] {"served anyway", "of those, served", "unauthorised-served"},
      new String[] {"rate-limited", "requests refused for their client's rate", "rate-limited"},
      new String[] {"corrupt in", "corrupt chunks received", "corrupt-chunks-received"},
      new String[] {"corrupt kept", "corrupt chunks kept as genuine", "corrupt-chunks-accepted"},
      new String[] {"wasted MB", "MB (10⁶ bytes) of corrupt chunks received", "wasted-bytes"},
      new String[] {"done corrupt", "peers that completed holding corrupt chunks", "completed-corrupt"},
      new String[] {"banned", "neighbours banned for a chunk that failed verification", "banned-peers"});

  private SecurityTable() {}

  /** Appends the section, if any group of any run reports {@code security}. */
  static void append(StringBuilder page, List<ReportRun> runs) {
    StringBuilder rows = new StringBuilder();
    for (ReportRun run : runs) {
      run.groups().forEach((group, entry) -> {
        JsonNode security = entry.path("security");
        if (security.isObject()) {
          rows.append("<tr><td>").append(escape(run.label())).append("</td><td>").append(escape(group)).append("</td><td>")
              .append(escape(threat(security))).append("</td>");
          COLUMNS.forEach(column -> rows.append("<td class=\"num\">").append(cell(security.path(column[2]), column[2])).append("</td>"));
          rows.append("</tr>\n");
        }
      });
    }
    if (rows.isEmpty()) {
      return;
    }
    page.append("<h2>Security</h2>\n<p>Each group that attacks or is protected: what it attacks with, whether its ")
        .append("protection was on, and what got through. Servers count the requests their access-control list does not ")
        .append("allow (and serve them anyway when it is not enforced); peers count the corrupt chunks they received and ")
        .append("kept (none where they verify). docs/security.md explains each number.</p>\n")
        .append("<div class=\"scroll\"><table>\n<thead>\n<tr><th>run</th><th>group</th><th>attack</th>");
    COLUMNS.forEach(column -> page.append("<th class=\"num\" title=\"").append(escape(column[1])).append("\">")
        .append(escape(column[0])).append("</th>"));
    page.append("</tr>\n</thead>\n<tbody>\n").append(rows).append("</tbody>\n</table></div>\n");
  }

  /** A client's attack, or a group of peers' malicious ones: {@code 20 corrupt}; empty for neither. */
  private static String threat(JsonNode security) {
    if (security.path("attack").isTextual() && !security.path("attack").asText().equals("none")) {
      return security.path("attack").asText();
    }
    if (security.path("malicious").asInt(0) > 0) {
      return security.path("malicious").asInt() + " " + security.path("malice").asText();
    }
    return "";
  }

  private static String cell(JsonNode value, String field) {
    if (value.isBoolean()) {
      return value.asBoolean() ? "yes" : "no";
    }
    if (!value.isNumber()) {
      return "";
    }
    return field.equals("wasted-bytes") ? String.format(Locale.ROOT, "%.1f", value.asDouble() / 1e6) : value.asText();
  }
}
