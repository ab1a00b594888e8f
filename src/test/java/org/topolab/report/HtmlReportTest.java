package org.topolab.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.topolab.metrics.Json;

class HtmlReportTest {

  /** A report of 2 variants at 2 × 2 sweep points (clients.count, server.workers) with clients and servers. */
  static final String CLIENT_SERVER = "report-client-server.json";

  /** A report of 2 variants at 3 sweep points (peers.count) with a download group and a file server. */
  static final String DOWNLOADS = "report-downloads.json";

  /**
   * A report of 3 variants (push, poll-1s, gossip) at 4 sweep points (groups.readers.count, 100 to
   * 100,000) with a publisher and its readers.
   */
  static final String UPDATES = "report-updates.json";

  /** A report of 1 variant at 2 sweep points (vars.nodes, 1,000 and 100,000) with an averaging group over 30 cycles. */
  static final String AVERAGING = "report-averaging.json";

  /** Each fixture's page, drawn once: drawing is the slow part. */
  private static final Map<String, String> PAGES = new ConcurrentHashMap<>();

  static String page(String fixture) {
    return PAGES.computeIfAbsent(fixture, name -> {
      try {
        return HtmlReport.render(fixture(name));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  static ObjectNode fixture(String name) throws IOException {
    try (InputStream in = HtmlReportTest.class.getResourceAsStream(name)) {
      return (ObjectNode) Json.MAPPER.readTree(in);
    }
  }

  @Test
  void clientServerReportHasTheTableAndEveryChart() throws IOException {
    ObjectNode report = fixture(CLIENT_SERVER);
    String html = page(CLIENT_SERVER);

    // Two numeric swept parameters, each with 4 client charts and 1 server chart; 8 runs are more
    // than are shown over time, so 4 (first and last of each variant) with 3 series charts each.
    int sweepCharts = 2 * (4 + 1);
    int seriesCharts = 4 * 3;
    PageImages page = PageImages.of(html);
    assertThat(PageImages.tags(html)).isEqualTo(sweepCharts + seriesCharts);
    assertThat(page.images()).hasSize(sweepCharts + seriesCharts);
    assertThat(page.titles()).filteredOn(title -> title.equals("clients: 99th percentile latency")).hasSize(2);
    assertThat(page.titles()).filteredOn(title -> title.equals("server: queue length")).hasSize(4);
    assertThat(page.titles()).noneMatch(title -> title.startsWith("balancer"));

    assertThat(html).contains("<h1>Fixture: one server against a pool</h1>", "scenarios/fixture-client-server.conf",
        "topolab 0.1.0", "JDK 17.0.15");
    assertThat(html).contains("<h2>Against <code>groups.clients.count</code></h2>", "<h2>Against <code>groups.server.workers</code></h2>");
    assertThat(Pattern.compile("<tbody>.*</tbody>", Pattern.DOTALL).matcher(html).results().findFirst().orElseThrow().group()
        .split("<tr>", -1)).hasSize(report.path("runs").size() + 1);
    assertThat(html).contains("\">p99 ms</th>", "\">utilisation</th>", "title=\"failed, timed out, rejected or refused (% of sent)\">failed</th>");
    JsonNode first = report.path("runs").get(0).path("groups");
    assertThat(html).contains(String.format(Locale.ROOT, "<td class=\"num\">%.1f</td>",
        first.path("clients").path("requests").path("throughput-per-s").asDouble()));
    assertThat(html).contains("<h3>default, count=100, workers=2</h3>", "<h3>pool, count=200, workers=4</h3>")
        .doesNotContain("<h3>default, count=100, workers=4</h3>");
  }

  @Test
  void downloadReportChartsTheDistributionTimeAgainstItsBoundAndWhoUploaded() throws IOException {
    String html = page(DOWNLOADS);

    // One swept parameter: the distribution time; who uploaded; and 6 runs, all shown over time.
    PageImages page = PageImages.of(html);
    assertThat(page.titles()).containsExactly(
        "peers: distribution time", "Who uploaded the bytes",
        "peers: downloads completed", "peers: downloads completed", "peers: downloads completed",
        "peers: downloads completed", "peers: downloads completed", "peers: downloads completed");
    assertThat(html).contains("\">bound s</th>", "<td class=\"num\">8.39</td>", "<td class=\"num\">1.30</td>");
    assertThat(html).doesNotContain("warm-up");
  }

  @ParameterizedTest
  @ValueSource(strings = {CLIENT_SERVER, DOWNLOADS, UPDATES, AVERAGING})
  void everyChartDecodesToANonBlankImageOfTwiceItsSizeOnThePage(String fixture) throws IOException {
    PageImages page = PageImages.of(page(fixture));

    assertThat(page.images()).isNotEmpty().allSatisfy(image -> {
      assertThat(image.png()).as(image.alt()).isNotNull();
      assertThat(image.png().getWidth()).isEqualTo(image.width() * Charts.SCALE);
      assertThat(image.png().getHeight()).isEqualTo(image.height() * Charts.SCALE);
      assertThat(PageImages.inked(image.png())).as(image.alt()).isBetween(0.01, 0.5);
    });
    assertThat(page.images()).extracting(image -> image.width() + "x" + image.height())
        .allMatch(size -> size.equals(Charts.WIDE + "x" + Charts.TALL) || size.equals(Charts.NARROW + "x" + Charts.SHORT));
  }

  @Test
  void eachVariantKeepsItsColourInEveryChart() throws IOException {
    PageImages page = PageImages.of(page(CLIENT_SERVER));
    int defaultColour = Charts.colour(0).getRGB() & 0xFFFFFF;
    int poolColour = Charts.colour(1).getRGB() & 0xFFFFFF;

    // Over time, the runs come in report order: default, pool, default, pool.
    List<PageImages.Image> overTime = page.images().stream().filter(image -> image.width() == Charts.NARROW).toList();
    assertThat(overTime).hasSize(12);
    for (int i = 0; i < overTime.size(); i++) {
      boolean pool = (i / 3) % 2 == 1;
      assertThat(PageImages.hasColour(overTime.get(i).png(), pool ? poolColour : defaultColour)).as("chart %d", i).isTrue();
      assertThat(PageImages.hasColour(overTime.get(i).png(), pool ? defaultColour : poolColour)).as("chart %d", i).isFalse();
    }
    assertThat(page.images().get(0).png()).satisfies(sweep -> {
      assertThat(PageImages.hasColour(sweep, defaultColour)).isTrue();
      assertThat(PageImages.hasColour(sweep, poolColour)).isTrue();
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {CLIENT_SERVER, DOWNLOADS, UPDATES, AVERAGING})
  void pageNeedsNothingFromTheNetwork(String fixture) throws IOException {
    String html = page(fixture);

    assertThat(Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//").matcher(html).find()).isFalse();
    assertThat(html).doesNotContainIgnoringCase("http://").doesNotContainIgnoringCase("https://")
        .doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link").doesNotContainIgnoringCase("url(");
  }

  @Test
  void aPricedRunGetsItsCostTableAndTheCostAgainstTheSweep() throws IOException {
    ObjectNode report = fixture(DOWNLOADS);
    int index = 0;
    for (JsonNode run : report.get("runs")) {
      ObjectNode cost = ((ObjectNode) run).putObject("cost");
      cost.put("currency", "EUR");
      cost.put("total", 12.5 + index);
      cost.put("operator", 12.0 + index);
      cost.put("users", 0.5);
      cost.put("gb-delivered", 2.0);
      cost.put("per-gb-delivered", (12.5 + index) / 2);
      index++;
    }
    String html = HtmlReport.render(report);
    String key = report.get("runs").get(0).get("params").fieldNames().next();

    assertThat(html).contains("<h2>What it cost</h2>", "In EUR", "<td class=\"num\">12.50</td>", "<td class=\"num\">6.25</td>", "<td class=\"num\">2.000</td>");
    assertThat(html).doesNotContain("requests served");
    assertThat(PageImages.of(html).titles()).contains("Cost against " + key);
    assertThat(page(DOWNLOADS)).as("a report without cost").doesNotContain("What it cost");
  }

  @Test
  void withoutASweepThereAreOnlyTheTimeSeries() throws IOException {
    ObjectNode report = fixture(DOWNLOADS);
    report.get("runs").forEach(run -> ((ObjectNode) run).putObject("params"));
    ArrayNode runs = (ArrayNode) report.get("runs");
    runs.remove(5);
    runs.remove(4);

    String html = HtmlReport.render(report);

    assertThat(html).doesNotContain("<h2>Against");
    assertThat(PageImages.of(html).titles()).containsExactly(
        "Who uploaded the bytes",
        "peers: downloads completed", "peers: downloads completed", "peers: downloads completed", "peers: downloads completed");
  }

  @Test
  void aKeySweptOverTextGetsNoChartsOfItsOwn() throws IOException {
    ObjectNode report = fixture(CLIENT_SERVER);
    report.get("runs").forEach(run -> {
      ObjectNode params = (ObjectNode) run.get("params");
      params.put("groups.server.workers", params.get("groups.server.workers").asInt() == 2 ? "few" : "many");
    });

    String html = HtmlReport.render(report);

    assertThat(html).contains("<h2>Against <code>groups.clients.count</code></h2>").doesNotContain("groups.server.workers</code>");
    assertThat(PageImages.tags(html)).isEqualTo((4 + 1) + 4 * 3);
    assertThat(html).contains("<h3>pool, count=200, workers=many</h3>");
  }

  @Test
  void textFromTheReportIsEscaped() throws IOException {
    ObjectNode report = fixture(DOWNLOADS);
    report.put("scenario", "<script>alert('x')</script> & co");

    String html = HtmlReport.render(report);

    assertThat(html).contains("<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co</h1>").doesNotContain("<script>");
  }

  @Test
  void writeReplacesThePageWholeAndLeavesNothingElse(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("report.html"), "an older page");
    String html = page(DOWNLOADS);

    Path written = HtmlReport.write(dir, html);

    assertThat(written).isEqualTo(dir.resolve("report.html")).hasContent(html);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(written);
    }
  }
}
