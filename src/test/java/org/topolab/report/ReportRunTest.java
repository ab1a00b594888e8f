package org.topolab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportRunTest {

  @Test
  void manyRunsAreShownOverTimeByTheFirstAndLastSweepPointOfEachVariant() throws IOException {
    List<ReportRun> runs = ReportRun.all(HtmlReportTest.fixture(HtmlReportTest.CLIENT_SERVER));

    assertThat(runs).hasSizeGreaterThan(HtmlReport.MAX_RUNS_OVER_TIME);
    assertThat(HtmlReport.shownOverTime(runs)).extracting(ReportRun::label).containsExactly(
        "default, count=100, workers=2", "pool, count=100, workers=2",
        "default, count=200, workers=4", "pool, count=200, workers=4");
  }

  @Test
  void fewRunsAreAllShownOverTime() throws IOException {
    List<ReportRun> runs = ReportRun.all(HtmlReportTest.fixture(HtmlReportTest.DOWNLOADS));

    assertThat(runs).hasSizeLessThanOrEqualTo(HtmlReport.MAX_RUNS_OVER_TIME);
    assertThat(HtmlReport.shownOverTime(runs)).isEqualTo(runs);
  }

  @Test
  void labelLeavesOutTheKeyThatIsOnTheAxis() throws IOException {
    ReportRun run = ReportRun.all(HtmlReportTest.fixture(HtmlReportTest.CLIENT_SERVER)).get(1);

    assertThat(run.label()).isEqualTo("pool, count=100, workers=2");
    assertThat(run.label("groups.clients.count")).isEqualTo("pool, workers=2");
    assertThat(run.number("groups.server.workers")).isEqualTo(2.0);
    assertThat(run.number("groups.nothing")).isNaN();
  }
}
