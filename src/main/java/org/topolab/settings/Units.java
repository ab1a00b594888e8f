package org.topolab.settings;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the units people write: durations ({@code 20ms}), sizes ({@code 1KiB}), bandwidths
 * ({@code 30Mbps}) and rates ({@code 2/s}). Each parser throws {@link IllegalArgumentException}
 * with a message that says what would be right.
 */
public final class Units {

  private static final Pattern NUMBER_UNIT =
      Pattern.compile("\\s*([0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)\\s*([A-Za-zµ/]*)\\s*");

  // The short forms, and the words people write for them (5 sec, 10 msec, 2 mins, 1 hour).
  private static final Map<String, Double> DURATIONS =
      Map.ofEntries(
          Map.entry("ns", 1.0),
          Map.entry("nsec", 1.0),
          Map.entry("nanosecond", 1.0),
          Map.entry("nanoseconds", 1.0),
          Map.entry("us", 1e3),
          Map.entry("µs", 1e3),
          Map.entry("usec", 1e3),
          Map.entry("microsecond", 1e3),
          Map.entry("microseconds", 1e3),
          Map.entry("ms", 1e6),
          Map.entry("msec", 1e6),
          Map.entry("msecs", 1e6),
          Map.entry("millisecond", 1e6),
          Map.entry("milliseconds", 1e6),
          Map.entry("s", 1e9),
          Map.entry("sec", 1e9),
          Map.entry("secs", 1e9),
          Map.entry("second", 1e9),
          Map.entry("seconds", 1e9),
          Map.entry("m", 60e9),
          Map.entry("min", 60e9),
          Map.entry("mins", 60e9),
          Map.entry("minute", 60e9),
          Map.entry("minutes", 60e9),
          Map.entry("h", 3600e9),
          Map.entry("hr", 3600e9),
          Map.entry("hrs", 3600e9),
          Map.entry("hour", 3600e9),
          Map.entry("hours", 3600e9));

  private static final Map<String, Double> SIZES =
      Map.ofEntries(
          Map.entry("b", 1.0),
          Map.entry("kb", 1e3),
          Map.entry("mb", 1e6),
          Map.entry("gb", 1e9),
          Map.entry("tb", 1e12),
          Map.entry("kib", 1024.0),
          Map.entry("mib", 1024.0 * 1024),
          Map.entry("gib", 1024.0 * 1024 * 1024),
          Map.entry("tib", 1024.0 * 1024 * 1024 * 1024));

  private static final Map<String, Double> BANDWIDTHS =
      Map.ofEntries(
          Map.entry("bps", 1.0),
          Map.entry("kbps", 1e3),
          Map.entry("mbps", 1e6),
          Map.entry("gbps", 1e9),
          Map.entry("tbps", 1e12),
          Map.entry("b/s", 1.0),
          Map.entry("kb/s", 1e3),
          Map.entry("mb/s", 1e6),
          Map.entry("gb/s", 1e9),
          Map.entry("tb/s", 1e12),
          Map.entry("bit/s", 1.0),
          Map.entry("kbit/s", 1e3),
          Map.entry("mbit/s", 1e6),
          Map.entry("gbit/s", 1e9),
          Map.entry("tbit/s", 1e12));

  private static final Map<String, Double> RATE_PERIODS =
      Map.of("ms", 1e-3, "s", 1.0, "sec", 1.0, "min", 60.0, "h", 3600.0);

  // Bytes per second (a capital B), which bandwidths are not: recognised only to suggest the bits per second.
  private static final Pattern BYTE_RATE = Pattern.compile("([kmgt]i?)?b(?:/s|ps)?", Pattern.CASE_INSENSITIVE);

  /** Written out in error messages. */
  public static final String DURATION_HELP =
      "a duration such as 20ms, 1.5s or 2min (units ns, us, ms, s, min, h; or written out: 5 sec, 10 msec, 2 minutes)";

  /** Written out in error messages. */
  public static final String SIZE_HELP = "a size such as 512B, 1KiB, 20KB or 100MB (units B, KB, MB, GB, KiB, MiB, GiB)";

  /** Written out in error messages. */
  public static final String BANDWIDTH_HELP =
      "a bandwidth such as 700kbps, 30Mbps or 1Gbps (bits per second), or unlimited";

  /** Written out in error messages. */
  public static final String RATE_HELP = "a rate such as 2/s, 120/min or 0.5 (per second)";

  /** Written out in error messages. */
  public static final String NUMBER_HELP = "a plain whole number such as 0, 100 or 1e6 (no unit)";

  private Units() {}

  /** Nanoseconds of a duration such as {@code 20ms}; a bare number is allowed only for 0. */
  public static long duration(String text) {
    Matcher m = match(text, DURATION_HELP);
    double value = Double.parseDouble(m.group(1));
    String unit = m.group(2);
    if (unit.isEmpty()) {
      if (value == 0) {
        return 0;
      }
      throw new IllegalArgumentException("'" + text.strip() + "' has no unit; expected " + DURATION_HELP);
    }
    Double factor = DURATIONS.get(unit.toLowerCase(Locale.ROOT));
    if (factor == null) {
      throw new IllegalArgumentException("unknown time unit '" + unit + "'; expected " + DURATION_HELP);
    }
    return Math.round(value * factor);
  }

  /** Bytes of a size such as {@code 1KiB}; a bare number is bytes. */
  public static long size(String text) {
    Matcher m = match(text, SIZE_HELP);
    double value = Double.parseDouble(m.group(1));
    String unit = m.group(2);
    if (unit.isEmpty()) {
      return Math.round(value);
    }
    if (unit.endsWith("b") || unit.endsWith("bps")) {
      // "Mb" reads as megabits: sizes are in bytes, so say so rather than guess.
      throw new IllegalArgumentException(
          "'" + unit + "' is not a size unit (sizes are in bytes, written with a capital B); expected " + SIZE_HELP);
    }
    Double factor = SIZES.get(unit.toLowerCase(Locale.ROOT));
    if (factor == null) {
      throw new IllegalArgumentException("unknown size unit '" + unit + "'; expected " + SIZE_HELP);
    }
    return Math.round(value * factor);
  }

  /** Bits per second of a bandwidth such as {@code 30Mbps}; {@code unlimited} is infinite. */
  public static double bandwidth(String text) {
    String trimmed = text.strip();
    if (trimmed.equalsIgnoreCase("unlimited")) {
      return Double.POSITIVE_INFINITY;
    }
    Matcher m = match(text, BANDWIDTH_HELP);
    double value = Double.parseDouble(m.group(1));
    String unit = m.group(2);
    Matcher bytes = BYTE_RATE.matcher(unit);
    if (bytes.matches() && unit.contains("B")) {
      throw new IllegalArgumentException(
          "'" + trimmed + "' is in bytes per second; bandwidths are in bits per second: did you mean "
              + bitsPerSecond(value, bytes.group(1)) + "?");
    }
    Double factor = unit.isEmpty() ? null : BANDWIDTHS.get(unit.toLowerCase(Locale.ROOT));
    if (factor == null) {
      throw new IllegalArgumentException(
          unit.isEmpty()
              ? "'" + trimmed + "' has no unit; expected " + BANDWIDTH_HELP
              : "unknown bandwidth unit '" + unit + "'; expected " + BANDWIDTH_HELP);
    }
    if (value <= 0) {
      throw new IllegalArgumentException("a bandwidth must be above 0; expected " + BANDWIDTH_HELP);
    }
    return value * factor;
  }

  /** {@code value} bytes per second with the size prefix {@code prefix} (k, M, Gi...) as a bandwidth, such as {@code 8Gbps}. */
  private static String bitsPerSecond(double value, String prefix) {
    double bits = value * 8 * (prefix == null ? 1 : SIZES.get(prefix.toLowerCase(Locale.ROOT) + "b"));
    String[] units = {"bps", "kbps", "Mbps", "Gbps", "Tbps"};
    int scale = 0;
    while (scale < units.length - 1 && bits >= 1000) {
      bits /= 1000;
      scale++;
    }
    return BigDecimal.valueOf(bits).round(new MathContext(6)).stripTrailingZeros().toPlainString() + units[scale];
  }

  /** Events per second of a rate such as {@code 2/s} or {@code 120/min}; a bare number is per second. */
  public static double rate(String text) {
    Matcher m = match(text, RATE_HELP);
    double value = Double.parseDouble(m.group(1));
    String unit = m.group(2);
    if (unit.isEmpty()) {
      return value;
    }
    Double period = unit.startsWith("/") ? RATE_PERIODS.get(unit.substring(1)) : null;
    if (period == null) {
      throw new IllegalArgumentException("unknown rate unit '" + unit + "'; expected " + RATE_HELP);
    }
    return value / period;
  }

  /** A plain number such as {@code 100} or {@code 1e6}, rounded to a whole number; a unit is refused. */
  public static long number(String text) {
    Matcher m = match(text, NUMBER_HELP);
    if (!m.group(2).isEmpty()) {
      throw new IllegalArgumentException("'" + text.strip() + "' has a unit; expected " + NUMBER_HELP);
    }
    return Math.round(Double.parseDouble(m.group(1)));
  }

  private static Matcher match(String text, String help) {
    Matcher m = NUMBER_UNIT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text.strip() + "' is not " + help);
    }
    return m;
  }
}
