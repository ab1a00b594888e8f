package org.topolab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.topolab.role.SummaryRow;

class ConsoleTableTest {

  private static SummaryRow row(String variant, String count, String time, String util) {
    SummaryRow row = new SummaryRow(variant, Map.of("count", count));
    row.putHeadline("time s", time);
    row.put("util", util);
    return row;
  }

  @Test
  void fullTableHasAHeaderARuleAndOneAlignedLinePerRun() {
    String table = ConsoleTable.render(List.of(row("cs", "10", "8.0", "0.50"), row("p2p", "10", "12.5", "0.25")));
    List<String> lines = table.lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("variant  count  time s  util");
    assertThat(lines.get(1)).matches("[- ]+");
    // Numbers are right-aligned under their heading, text left-aligned.
    assertThat(lines.get(2)).isEqualTo("cs          10     8.0  0.50");
    assertThat(lines.get(3)).isEqualTo("p2p         10    12.5  0.25");
  }

  @Test
  void sideBySidePutsEachVariantsHeadlineNumbersOnTheSweepPointsLine() {
    List<SummaryRow> rows =
        List.of(row("cs", "10", "8.0", "0.5"), row("p2p", "10", "2.1", "0.2"), row("cs", "100", "80.0", "0.5"), row("p2p", "100", "2.9", "0.2"));
    List<String> lines = ConsoleTable.renderSideBySide(rows).lines().toList();
    assertThat(lines).hasSize(5);
    // The variant's name spans its columns, above their own headings.
    assertThat(lines.get(0)).isEqualTo("       cs      p2p");
    assertThat(lines.get(1)).isEqualTo("count  time s  time s");
    assertThat(lines.get(3)).isEqualTo("   10     8.0     2.1");
    assertThat(lines.get(4)).isEqualTo("  100    80.0     2.9");
  }

  @Test
  void aSpanningHeadingWiderThanItsColumnsWidensThem() {
    List<SummaryRow> rows = List.of(row("client-server", "10", "8.0", "1"), row("p2p", "10", "2.1", "1"));
    List<String> lines = ConsoleTable.renderSideBySide(rows).lines().toList();
    assertThat(lines.get(0)).isEqualTo("       client-server  p2p");
    assertThat(lines.get(1)).isEqualTo("count  time s         time s");
    assertThat(lines.get(3)).isEqualTo("   10            8.0     2.1");
  }

  @Test
  void sideBySideIsEmptyWithoutSeveralVariantsAndASweep() {
    assertThat(ConsoleTable.renderSideBySide(List.of(row("cs", "10", "1", "1"), row("cs", "20", "2", "1")))).isEmpty();
    SummaryRow noSweep = new SummaryRow("cs", Map.of());
    SummaryRow other = new SummaryRow("p2p", Map.of());
    assertThat(ConsoleTable.renderSideBySide(List.of(noSweep, other))).isEmpty();
  }
}
