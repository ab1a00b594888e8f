package org.topolab.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** The chart images of a report.html, as the page declares them and as they decode. */
record PageImages(List<PageImages.Image> images) {

  /** One {@code <img>}: its declared CSS size, its alt text and the decoded PNG. */
  record Image(int width, int height, String alt, BufferedImage png) {}

  private static final Pattern IMG =
      Pattern.compile("<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\" width=\"(\\d+)\" height=\"(\\d+)\" alt=\"([^\"]*)\">");

  /** The images of {@code html}, decoded. */
  static PageImages of(String html) {
    List<Image> images = new ArrayList<>();
    Matcher matcher = IMG.matcher(html);
    while (matcher.find()) {
      byte[] png = Base64.getDecoder().decode(matcher.group(1));
      try {
        images.add(new Image(
            Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)), matcher.group(4),
            ImageIO.read(new ByteArrayInputStream(png))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new PageImages(images);
  }

  /** How many {@code <img} tags the page has, however they are written. */
  static int tags(String html) {
    return html.split("<img", -1).length - 1;
  }

  /** The alt texts, which are the charts' titles, in page order. */
  List<String> titles() {
    return images.stream().map(Image::alt).toList();
  }

  /** The fraction of {@code png}'s pixels that are not white. */
  static double inked(BufferedImage png) {
    long inked = 0;
    for (int y = 0; y < png.getHeight(); y++) {
      for (int x = 0; x < png.getWidth(); x++) {
        if ((png.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
          inked++;
        }
      }
    }
    return (double) inked / ((long) png.getWidth() * png.getHeight());
  }

  /** Whether {@code png} has a pixel of exactly {@code rgb}. */
  static boolean hasColour(BufferedImage png, int rgb) {
    for (int y = 0; y < png.getHeight(); y++) {
      for (int x = 0; x < png.getWidth(); x++) {
        if ((png.getRGB(x, y) & 0xFFFFFF) == rgb) {
          return true;
        }
      }
    }
    return false;
  }
}
