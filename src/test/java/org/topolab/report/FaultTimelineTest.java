package org.topolab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.Scenarios;

/** report.html: clients' availability over time, with the faults shaded on it (and on every chart over time). */
class FaultTimelineTest {

  private static final String SCENARIO = """
      duration = 40s
      metrics.interval = 1s
      network.latency = 1ms
      groups {
        server { role = server, service-time = 5ms }
        clients { role = client, count = 20, target = server, timeout = 1s, arrival { distribution = poisson, rate = 5/s } }
      }
      """;

  private static final String OUTAGE = "faults = [ { at = 10s, kind = crash, node = server, for = 10s } ]\n";

  /** Pixels of the light red that marks faults: red well above green and blue, yet light. */
  private static int shaded(BufferedImage png) {
    int count = 0;
    for (int y = 0; y < png.getHeight(); y++) {
      for (int x = 0; x < png.getWidth(); x++) {
        int rgb = png.getRGB(x, y);
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        if (r > 240 && g > 180 && g < 235 && b > 180 && b < 235) {
          count++;
        }
      }
    }
    return count;
  }

  private static List<PageImages.Image> availabilityCharts(String scenario) {
    String html = HtmlReport.render(Scenarios.run(scenario).json());
    return PageImages.of(html).images().stream().filter(image -> image.alt().equals("clients: availability")).toList();
  }

  @Test
  void anOutageIsShadedOnTheAvailabilityChart() {
    BufferedImage faulty = availabilityCharts(SCENARIO + OUTAGE).get(0).png();
    // A restart lasts an instant: a dashed line, nothing shaded.
    BufferedImage instant = availabilityCharts(SCENARIO + "faults = [ { at = 35s, kind = restart, node = server } ]\n").get(0).png();
    // A quarter of the time axis shaded: thousands of pixels, against none.
    assertThat(shaded(faulty)).isGreaterThan(2000);
    assertThat(shaded(instant)).isZero();
  }

  @Test
  void aRunWithoutFaultsHasNoAvailabilityChart() {
    assertThat(availabilityCharts(SCENARIO)).isEmpty();
  }
}
