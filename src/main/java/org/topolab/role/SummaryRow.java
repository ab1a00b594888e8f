package org.topolab.role;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One run's line of the console summary: its variant, its swept values, and the key numbers of
 * its groups under column headings, in order. Headline numbers also go into the side-by-side table
 * that compares variants at each sweep point.
 */
public final class SummaryRow {

  private final String variant;
  private final Map<String, String> params;
  private final Map<String, String> cells = new LinkedHashMap<>();
  private final Set<String> headline = new LinkedHashSet<>();

  /** A row for {@code variant} at the sweep point {@code params} (column heading to value). */
  public SummaryRow(String variant, Map<String, String> params) {
    this.variant = variant;
    this.params = new LinkedHashMap<>(params);
  }

  /** Sets the value under {@code column}. */
  public void put(String column, String value) {
    cells.put(column, value);
  }

  /** Sets the value under {@code column}, and shows it in the side-by-side table too. */
  public void putHeadline(String column, String value) {
    put(column, value);
    headline.add(column);
  }

  /** The variant's name. */
  public String variant() {
    return variant;
  }

  /** The swept values, by column heading. */
  public Map<String, String> params() {
    return params;
  }

  /** The groups' numbers, in the order they were put. */
  public Map<String, String> cells() {
    return cells;
  }

  /** The columns that compare variants best. */
  public Set<String> headline() {
    return headline;
  }

  /** Every cell of the full table: variant, swept values, then the groups' numbers. */
  public Map<String, String> allCells() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("variant", variant);
    all.putAll(params);
    all.putAll(cells);
    return all;
  }
}
