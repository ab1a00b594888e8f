package org.topolab.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** One run's line of the console summary: column headings and their values, in order. */
public final class SummaryRow {

  private final Map<String, String> cells = new LinkedHashMap<>();

  /** Sets the value under {@code column}. */
  public void put(String column, String value) {
    cells.put(column, value);
  }

  /** The cells, in the order they were put. */
  public Map<String, String> cells() {
    return cells;
  }
}
