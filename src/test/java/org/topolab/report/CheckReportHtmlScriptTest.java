package org.topolab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/check-report-html, which opens a page in headless Chromium: run where Debian's chromium is installed. */
class CheckReportHtmlScriptTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  /** The outcome of one run of the script: its exit code and what it printed. */
  private record Check(int exit, String output) {}

  @BeforeAll
  static void needsChromium() {
    assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (apt-get install -y chromium)");
  }

  @Test
  void aReportLoadsInTheBrowserWithEveryChartDecoded(@TempDir Path dir) throws Exception {
    String html = HtmlReportTest.page(HtmlReportTest.DOWNLOADS);
    Path page = HtmlReport.write(dir.resolve("report"), html);
    Path screenshot = dir.resolve("report.png");

    Check check = check(dir, page, screenshot);

    int images = PageImages.tags(html);
    assertThat(check.exit()).as(check.output()).isZero();
    assertThat(check.output()).contains("images=" + images + " decoded=" + images + " tables=1");
    BufferedImage shot = ImageIO.read(screenshot.toFile());
    assertThat(shot.getWidth()).isEqualTo(1400);
    assertThat(PageImages.inked(shot)).isGreaterThan(0.05);
  }

  @Test
  void aBrokenPageFailsTheCheck(@TempDir Path dir) throws Exception {
    Path page = Files.writeString(dir.resolve("broken.html"),
        "<!DOCTYPE html><html><body><img src=\"data:image/png;base64,AAAA\" alt=\"a broken chart\"></body></html>");

    Check check = check(dir, page, dir.resolve("broken.png"));

    assertThat(check.exit()).isEqualTo(1);
    assertThat(check.output()).contains("decoded=0", "broken: a broken chart", "no table");
  }

  /** Runs the script with its temporary files in {@code dir}, and checks it left none behind. */
  private static Check check(Path dir, Path page, Path screenshot) throws IOException, InterruptedException {
    Path temporary = Files.createDirectories(dir.resolve("tmp"));
    Path output = dir.resolve("check.log");
    ProcessBuilder builder = new ProcessBuilder("bash", "bin/check-report-html", page.toString(), screenshot.toString())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    builder.environment().put("TMPDIR", temporary.toString());
    Process process = builder.start();
    try {
      assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the check finished").isTrue();
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(ProcessHandle.allProcesses()
            .filter(other -> other.info().commandLine().orElse("").contains(temporary.toString())))
        .as("browser processes left running").isEmpty();
    try (Stream<Path> left = Files.list(temporary)) {
      assertThat(left).as("temporary files left").isEmpty();
    }
    return new Check(process.exitValue(), Files.readString(output));
  }
}
