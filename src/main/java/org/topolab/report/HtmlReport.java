package org.topolab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * report.html: report.json for people, as one page that opens offline. It reads only the report,
 * so that any role whose groups write the keys of {@link GroupKind} gets its charts.
 */
public final class HtmlReport {

  static {
    // The charts are drawn with AWT, which needs no display and must not look for one.
    System.setProperty("java.awt.headless", "true");
  }

  /** Above this many runs, only the first and last sweep point of each variant are shown over time. */
  static final int MAX_RUNS_OVER_TIME = 6;

  private HtmlReport() {}

  /** The page for {@code report}, the whole of report.json. */
  public static String render(ObjectNode report) {
    List<ReportRun> runs = ReportRun.all(report);
    List<String> variants = runs.stream().map(ReportRun::variant).distinct().toList();
    Map<String, GroupKind> groups = groups(runs);
    StringBuilder page = new StringBuilder();
    String title = report.path("scenario").asText("topolab report");
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(escape(title)).append(" · topolab</title>\n")
        .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n")
        .append("<h1>").append(escape(title)).append("</h1>\n")
        .append("<p class=\"meta\">").append(escape(report.path("file").asText()))
        .append(" · topolab ").append(escape(report.path("topolab").asText()))
        .append(" · JDK ").append(escape(report.path("jdk").asText()))
        .append(" · ").append(runs.size()).append(runs.size() == 1 ? " run" : " runs").append("</p>\n");
    table(page, runs, groups);
    sweeps(page, runs, variants, groups);
    UploadShares.chart(runs).ifPresent(chart -> {
      page.append("<h2>Who uploaded the file</h2>\n<p>Share of the bytes sent by the peers and by the file servers, in each run with peers (without them, the file servers send everything).</p>\n");
      figures(page, List.of(chart));
    });
    List<ReportRun> shown = shownOverTime(runs);
    UpdateTables.append(page, runs, shown);
    SecurityTable.append(page, runs);
    AveragingSection.append(page, runs, shown, variants);
    CostSection.append(page, runs, numericSweeps(runs));
    overTime(page, runs, shown, variants);
    page.append("<footer>Written by topolab from report.json, which holds every number shown here and more.</footer>\n")
        .append("</body>\n</html>\n");
    return page.toString();
  }

  /**
   * Writes {@code html} to {@code dir/report.html} through a temporary file, so that a reader
   * never sees half a page.
   */
  public static Path write(Path dir, String html) throws IOException {
    return ReportFiles.write(dir, "report.html", html.getBytes(StandardCharsets.UTF_8));
  }

  /** Every group that has something to show, in order of first appearance, with its kind. */
  private static Map<String, GroupKind> groups(List<ReportRun> runs) {
    Map<String, GroupKind> groups = new LinkedHashMap<>();
    for (ReportRun run : runs) {
      run.groups().forEach((name, entry) -> GroupKind.of(entry).ifPresent(kind -> groups.putIfAbsent(name, kind)));
    }
    return groups;
  }

  private static void table(StringBuilder page, List<ReportRun> runs, Map<String, GroupKind> groups) {
    Set<String> params = new LinkedHashSet<>();
    runs.forEach(run -> params.addAll(run.params().keySet()));
    Map<String, List<Measure>> columns = columns(runs, groups);
    page.append("<h2>Runs</h2>\n<div class=\"scroll\"><table>\n<thead>\n<tr><th rowspan=\"2\">variant</th>");
    params.forEach(param -> page.append("<th rowspan=\"2\" class=\"num\">").append(escape(param)).append("</th>"));
    columns.forEach((group, measures) -> page.append("<th colspan=\"").append(measures.size()).append("\" class=\"group\">")
        .append(escape(group)).append("</th>"));
    page.append("</tr>\n<tr>");
    columns.values().forEach(measures -> measures.forEach(measure ->
        page.append("<th class=\"num\" title=\"").append(escape(measure.axis())).append("\">")
            .append(escape(measure.heading())).append("</th>")));
    page.append("</tr>\n</thead>\n<tbody>\n");
    for (ReportRun run : runs) {
      page.append("<tr><td>").append(escape(run.variant())).append("</td>");
      params.forEach(param -> page.append("<td class=\"num\">")
          .append(escape(Optional.ofNullable(run.params().get(param)).map(JsonNode::asText).orElse(""))).append("</td>"));
      columns.forEach((group, measures) -> {
        JsonNode entry = run.groups().get(group);
        measures.forEach(measure ->
            page.append("<td class=\"num\">").append(entry == null ? "" : escape(measure.format(entry))).append("</td>"));
      });
      page.append("</tr>\n");
    }
    page.append("</tbody>\n</table></div>\n");
  }

  /** Each group's measures that some run has a value of: a theory no run gives gets no column. */
  private static Map<String, List<Measure>> columns(List<ReportRun> runs, Map<String, GroupKind> groups) {
    Map<String, List<Measure>> columns = new LinkedHashMap<>();
    groups.forEach((group, kind) -> {
      List<Measure> measures = Measure.of(kind).stream()
          .filter(measure -> runs.stream().anyMatch(run ->
              run.groups().containsKey(group) && Double.isFinite(measure.of(run.groups().get(group)))))
          .toList();
      if (!measures.isEmpty()) {
        columns.put(group, measures);
      }
    });
    return columns;
  }

  private static void sweeps(StringBuilder page, List<ReportRun> runs, List<String> variants, Map<String, GroupKind> groups) {
    SweepCharts charts = new SweepCharts(runs, variants, groups);
    for (String key : numericSweeps(runs)) {
      List<XYChart> against = charts.against(key);
      if (against.isEmpty()) {
        continue;
      }
      page.append("<h2>Against <code>").append(escape(key)).append("</code></h2>\n")
          .append("<p>One line per variant").append(runs.stream().anyMatch(run -> run.params().size() > 1)
              ? " and value of the other swept parameters" : "")
          .append("; each point is one run.</p>\n");
      figures(page, against);
    }
  }

  /** The swept keys whose values are all numbers, at least two different ones. */
  private static List<String> numericSweeps(List<ReportRun> runs) {
    Map<String, Set<Double>> values = new LinkedHashMap<>();
    Set<String> other = new HashSet<>();
    for (ReportRun run : runs) {
      run.params().keySet().forEach(key -> {
        double value = run.number(key);
        if (Double.isNaN(value)) {
          other.add(key);
        } else {
          values.computeIfAbsent(key, k -> new HashSet<>()).add(value);
        }
      });
    }
    return values.entrySet().stream()
        .filter(entry -> !other.contains(entry.getKey()) && entry.getValue().size() > 1)
        .map(Map.Entry::getKey)
        .toList();
  }

  private static void overTime(StringBuilder page, List<ReportRun> runs, List<ReportRun> shown, List<String> variants) {
    String sections = runSections(shown, (run, out) -> {
      List<XYChart> charts = SeriesCharts.of(run, variants.indexOf(run.variant()));
      if (!charts.isEmpty()) {
        figures(out, charts);
      }
    });
    if (sections.isEmpty()) {
      return;
    }
    page.append("<h2>Over time</h2>\n<p>Simulated time from the start of each run.");
    if (shown.stream().anyMatch(run -> run.warmupSeconds() > 0)) {
      page.append(" The dashed grey line is the end of the warm-up, before which nothing counts in the numbers above.");
    }
    if (shown.stream().anyMatch(run -> !run.faults().isEmpty())) {
      page.append(" Red spans are faults in force (report.json's <code>faults</code>); a dashed line marks one of an instant,"
          + " such as a restart or a heal.");
    }
    if (shown.size() < runs.size()) {
      page.append(" Shown for the first and last sweep point of each variant (")
          .append(shown.size()).append(" of ").append(runs.size()).append(" runs); report.json has them all.");
    }
    page.append("</p>\n").append(sections);
  }

  /**
   * What {@code part} writes for each of {@code runs}, under the run's label, side by side; runs
   * for which it writes nothing are left out, and with none the result is empty.
   */
  static String runSections(List<ReportRun> runs, BiConsumer<ReportRun, StringBuilder> part) {
    StringBuilder sections = new StringBuilder();
    for (ReportRun run : runs) {
      StringBuilder content = new StringBuilder();
      part.accept(run, content);
      if (!content.isEmpty()) {
        sections.append("<section>\n<h3>").append(escape(run.label())).append("</h3>\n").append(content).append("</section>\n");
      }
    }
    return sections.isEmpty() ? "" : "<div class=\"runs\">\n" + sections + "</div>\n";
  }

  /** Every run, or when there are many, the first and last of each variant. */
  static List<ReportRun> shownOverTime(List<ReportRun> runs) {
    if (runs.size() <= MAX_RUNS_OVER_TIME) {
      return runs;
    }
    Map<String, ReportRun> first = new LinkedHashMap<>();
    Map<String, ReportRun> last = new LinkedHashMap<>();
    for (ReportRun run : runs) {
      first.putIfAbsent(run.variant(), run);
      last.put(run.variant(), run);
    }
    Set<Integer> chosen = new HashSet<>();
    first.values().forEach(run -> chosen.add(run.index()));
    last.values().forEach(run -> chosen.add(run.index()));
    return runs.stream().filter(run -> chosen.contains(run.index())).toList();
  }

  /** Appends {@code charts} as images, side by side as far as the page is wide. */
  static void figures(StringBuilder page, List<? extends Chart<?, ?>> charts) {
    page.append("<div class=\"charts\">\n");
    for (Chart<?, ?> chart : charts) {
      page.append("<figure><img src=\"").append(Charts.dataUri(chart))
          .append("\" width=\"").append(chart.getWidth()).append("\" height=\"").append(chart.getHeight())
          .append("\" alt=\"").append(escape(chart.getTitle())).append("\"></figure>\n");
    }
    page.append("</div>\n");
  }

  /** {@code text} with the characters that mean something in HTML written as entities. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static final String STYLE = """
      body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #222;
             max-width: 1340px; margin: 24px auto; padding: 0 16px; line-height: 1.45; }
      h1 { font-size: 1.6em; margin-bottom: 0.2em; }
      h2 { font-size: 1.25em; margin-top: 1.8em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
      h3 { font-size: 1.05em; margin: 1.2em 0 0.5em; }
      .meta { color: #666; margin-top: 0; }
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.92em; }
      th, td { padding: 4px 10px; border-bottom: 1px solid #e6e6e6; white-space: nowrap; }
      th { background: #f6f6f6; font-weight: 600; text-align: left; }
      th.group { text-align: center; border-left: 2px solid #fff; }
      .num { text-align: right; }
      caption { text-align: left; font-weight: 600; padding: 4px 0; white-space: nowrap; }
      table.updates { margin-bottom: 1em; }
      tbody tr:hover { background: #fafafa; }
      .charts { display: flex; flex-wrap: wrap; gap: 16px; }
      .runs { display: flex; flex-wrap: wrap; column-gap: 16px; }
      figure { margin: 0; border: 1px solid #e3e3e3; border-radius: 6px; overflow: hidden; }
      figure img { display: block; max-width: 100%; height: auto; }
      footer { margin-top: 3em; color: #888; font-size: 0.85em; }
      """;
}
