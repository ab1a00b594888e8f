package org.topolab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lays summary rows out as an aligned table: text to the left, numbers to the right. */
public final class ConsoleTable {

  private ConsoleTable() {}

  /** The table of {@code rows}, columns in order of first appearance, with a trailing newline. */
  public static String render(List<SummaryRow> rows) {
    Map<String, Integer> widths = new LinkedHashMap<>();
    for (SummaryRow row : rows) {
      row.cells().forEach((column, value) -> widths.merge(column, Math.max(column.length(), value.length()), Math::max));
    }
    List<String> columns = new ArrayList<>(widths.keySet());
    StringBuilder out = new StringBuilder();
    line(out, columns, widths, column -> column, column -> false);
    line(out, columns, widths, column -> "-".repeat(widths.get(column)), column -> false);
    for (SummaryRow row : rows) {
      line(out, columns, widths, column -> row.cells().getOrDefault(column, ""), column -> isNumber(row.cells().get(column)));
    }
    return out.toString();
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
