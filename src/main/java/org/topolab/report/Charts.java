package org.topolab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Makes the report's charts look alike and turns them into PNG data URIs. */
final class Charts {

  /** Size of a chart against a swept parameter on the page, in CSS pixels: two fit side by side. */
  static final int WIDE = 640;

  static final int TALL = 400;

  /** Size of a chart of a time series: three fit side by side. */
  static final int NARROW = 428;

  static final int SHORT = 290;

  /** Pixels per CSS pixel in the PNG, so that charts stay sharp on high-density screens. */
  static final int SCALE = 2;

  /** Okabe and Ito's colours, which people with colour-blindness can tell apart; yellow left out, it fades on white. */
  private static final Color[] PALETTE = {
    new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
    new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000)
  };

  private static final Marker[] MARKERS = {
    SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN
  };

  static final BasicStroke SOLID = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

  static final BasicStroke DASHED =
      new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f);

  private static final Font BASE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

  private Charts() {}

  /** The colour of the {@code index}th variant, the same in every chart. */
  static Color colour(int index) {
    return PALETTE[index % PALETTE.length];
  }

  /** The marker of the {@code index}th line of one colour. */
  static Marker marker(int index) {
    return MARKERS[index % MARKERS.length];
  }

  /** An empty line chart of {@code width} by {@code height}, titled, with axis titles that name their units. */
  static XYChart lines(int width, int height, String title, String xAxis, String yAxis) {
    XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
    style(chart.getStyler());
    chart.getStyler().setMarkerSize(7);
    return chart;
  }

  /** Puts {@code chart}'s x axis on a log scale, its decades written as plain numbers (100,000 rather than 1E5). */
  static void logarithmicX(XYChart chart) {
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setXAxisDecimalPattern("#,##0.########");
  }

  /**
   * Puts {@code chart}'s y axis on a log scale. Its grid is left out: XChart draws a line at every
   * tick, nine a decade, which over many decades is a grey band.
   */
  static void logarithmicY(XYChart chart) {
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setPlotGridHorizontalLinesVisible(false);
  }

  /** Writes the y axis's numbers whole, with thousands separators, for values as high as {@code max}. */
  static void wholeNumbersOnY(XYChart chart, double max) {
    // XChart writes values of 100,000 and more as 1E5; a count of messages reads better in full.
    if (max >= 10_000) {
      chart.getStyler().setYAxisDecimalPattern("#,##0");
    }
  }

  /** An empty bar chart whose series stack up in each category. */
  static CategoryChart stackedBars(String title, String xAxis, String yAxis) {
    CategoryChart chart =
        new CategoryChartBuilder().width(WIDE).height(TALL).title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
    style(chart.getStyler());
    chart.getStyler().setStacked(true);
    chart.getStyler().setAvailableSpaceFill(0.6);
    return chart;
  }

  private static void style(AxesChartStyler styler) {
    styler.setBaseFont(BASE);
    styler.setChartTitleFont(BASE.deriveFont(Font.BOLD, 15f));
    styler.setAxisTitleFont(BASE);
    styler.setAxisTickLabelsFont(BASE.deriveFont(12f));
    styler.setLegendFont(BASE.deriveFont(12f));
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotBorderColor(new Color(0xBBBBBB));
    styler.setPlotGridLinesColor(new Color(0xE4E4E4));
    styler.setPlotGridLinesStroke(new BasicStroke(1f));
    styler.setChartTitleBoxVisible(false);
    styler.setLegendBorderColor(new Color(0xDDDDDD));
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setAnnotationLineColor(new Color(0x888888));
    styler.setAnnotationLineStroke(DASHED);
    styler.setLocale(Locale.ROOT);
    styler.setChartPadding(12);
  }

  /** {@code chart} as a PNG of {@link #SCALE} times its size, in a {@code data:} URI. */
  static String dataUri(Chart<?, ?> chart) {
    BufferedImage image = new BufferedImage(chart.getWidth() * SCALE, chart.getHeight() * SCALE, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    try {
      graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      graphics.scale(SCALE, SCALE);
      chart.paint(graphics, chart.getWidth(), chart.getHeight());
    } finally {
      graphics.dispose();
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode a chart as PNG", e);
    }
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
  }

  /** {@code values} as an array. */
  static double[] array(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
