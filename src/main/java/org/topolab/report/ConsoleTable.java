package org.topolab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.topolab.role.SummaryRow;

/** Lays summary rows out as an aligned table: text to the left, numbers to the right. */
public final class ConsoleTable {

  // Separates a spanning heading from a column's own heading: "peer-to-peer" over "time s".
  private static final String SPAN = "\t";

  private ConsoleTable() {}

  /** The table of {@code rows}, one line per run, columns in order of first appearance. */
  public static String render(List<SummaryRow> rows) {
    return table(rows.stream().map(SummaryRow::allCells).toList());
  }

  /**
   * The variants side by side: one line per sweep point, and for each variant its headline
   * numbers; empty unless the experiment has both several variants and a sweep.
   */
  public static String renderSideBySide(List<SummaryRow> rows) {
    List<String> variants = rows.stream().map(SummaryRow::variant).distinct().toList();
    if (variants.size() < 2 || rows.stream().allMatch(row -> row.params().isEmpty())) {
      return "";
    }
    Map<Map<String, String>, Map<String, String>> points = new LinkedHashMap<>();
    for (SummaryRow row : rows) {
      Map<String, String> line = points.computeIfAbsent(row.params(), params -> new LinkedHashMap<>(params));
      for (String column : row.headline()) {
        line.put(row.variant() + SPAN + column, row.cells().get(column));
      }
    }
    return table(new ArrayList<>(points.values()));
  }

  private static String table(List<Map<String, String>> rows) {
    Map<String, Integer> widths = new LinkedHashMap<>();
    for (Map<String, String> row : rows) {
      row.forEach((column, value) -> widths.merge(column, Math.max(heading(column).length(), value.length()), Math::max));
    }
    List<String> columns = new ArrayList<>(widths.keySet());
    Map<String, String> spans = spans(columns, widths);
    StringBuilder out = new StringBuilder();
    if (!spans.isEmpty()) {
      line(out, columns, widths, column -> spans.getOrDefault(column, ""), column -> false);
    }
    line(out, columns, widths, ConsoleTable::heading, column -> false);
    line(out, columns, widths, column -> "-".repeat(widths.get(column)), column -> false);
    for (Map<String, String> row : rows) {
      line(out, columns, widths, column -> row.getOrDefault(column, ""), column -> isNumber(row.get(column)));
    }
    return out.toString();
  }

  /** A column's own heading: what follows its spanning heading, if it has one. */
  private static String heading(String column) {
    return column.substring(column.indexOf(SPAN) + 1);
  }

  /**
   * The spanning headings, each on the first column under it; widens the last column under a
   * heading if the heading is wider than its columns.
   */
  private static Map<String, String> spans(List<String> columns, Map<String, Integer> widths) {
    Map<String, String> spans = new LinkedHashMap<>();
    int i = 0;
    while (i < columns.size()) {
      int split = columns.get(i).indexOf(SPAN);
      if (split < 0) {
        i++;
        continue;
      }
      String span = columns.get(i).substring(0, split);
      int last = i;
      int width = widths.get(columns.get(i));
      while (last + 1 < columns.size() && columns.get(last + 1).startsWith(span + SPAN)) {
        last++;
        width += 2 + widths.get(columns.get(last));
      }
      if (span.length() > width) {
        widths.merge(columns.get(last), span.length() - width, Integer::sum);
      }
      spans.put(columns.get(i), span);
      i = last + 1;
    }
    return spans;
  }

  private static void line(
      StringBuilder out,
      List<String> columns,
      Map<String, Integer> widths,
      java.util.function.Function<String, String> cell,
      java.util.function.Predicate<String> rightAligned) {
    StringBuilder line = new StringBuilder();
    for (String column : columns) {
      if (line.length() > 0) {
        line.append("  ");
      }
      String value = cell.apply(column);
      String pad = " ".repeat(widths.get(column) - value.length());
      line.append(rightAligned.test(column) ? pad + value : value + pad);
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  private static boolean isNumber(String value) {
    return value != null && value.matches("-?[0-9][0-9.,]*%?");
  }
}
