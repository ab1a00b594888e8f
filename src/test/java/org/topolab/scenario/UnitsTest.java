package org.topolab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.topolab.settings.Units;

class UnitsTest {

  @ParameterizedTest
  @CsvSource({
    // text, nanoseconds (1 ms = 1e6 ns, 1 s = 1e9 ns, 1 min = 60 s, 1 h = 3600 s)
    "20ms, 20000000",
    "1.5s, 1500000000",
    "2min, 120000000000",
    "2m, 120000000000",
    "1h, 3600000000000",
    "250us, 250000",
    "250µs, 250000",
    "7ns, 7",
    "' 3 ms ', 3000000",
    "0, 0",
    // The words people write.
    "5 sec, 5000000000",
    "5 secs, 5000000000",
    "1 second, 1000000000",
    "10 msec, 10000000",
    "10 milliseconds, 10000000",
    "2 mins, 120000000000",
    "2 Minutes, 120000000000",
    "1 hour, 3600000000000",
    "3 usec, 3000",
  })
  void durations(String text, long nanos) {
    assertThat(Units.duration(text)).isEqualTo(nanos);
  }

  @ParameterizedTest
  @CsvSource({
    // Decimal units are powers of 1000, binary ones (KiB...) powers of 1024; a bare number is bytes.
    "512B, 512",
    "100, 100",
    "20KB, 20000",
    "1KiB, 1024",
    "1.5KiB, 1536",
    "100MB, 100000000",
    "1MiB, 1048576",
    "2GB, 2000000000",
    "1GiB, 1073741824",
    "0B, 0",
  })
  void sizes(String text, long bytes) {
    assertThat(Units.size(text)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @CsvSource({
    // Bits per second; unit letters in any case.
    "700kbps, 700000",
    "30Mbps, 30000000",
    "30mbps, 30000000",
    "1Gbps, 1000000000",
    "10Mb/s, 10000000",
    "10 Mbit/s, 10000000",
    "1.5Gbps, 1500000000",
    "64bps, 64",
  })
  void bandwidths(String text, double bitsPerSecond) {
    assertThat(Units.bandwidth(text)).isEqualTo(bitsPerSecond);
  }

  @Test
  void unlimitedBandwidthIsInfinite() {
    assertThat(Units.bandwidth("unlimited")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Units.bandwidth(" Unlimited ")).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @ParameterizedTest
  @CsvSource({
    // Events per second: 120 per 60 s = 2/s; a bare number is per second; 3 per ms = 3000/s.
    "2/s, 2",
    "2/sec, 2",
    "120/min, 2",
    "7200/h, 2",
    "0.5, 0.5",
    "3/ms, 3000",
  })
  void rates(String text, double perSecond) {
    assertThat(Units.rate(text)).isCloseTo(perSecond, within(1e-9));
  }

  static Stream<Arguments> badInput() {
    Function<String, Object> duration = Units::duration;
    Function<String, Object> size = Units::size;
    Function<String, Object> bandwidth = Units::bandwidth;
    Function<String, Object> rate = Units::rate;
    String durationHelp = "a duration such as 20ms, 1.5s or 2min (units ns, us, ms, s, min, h; or written out: 5 sec, 10 msec, 2 minutes)";
    String sizeHelp = "a size such as 512B, 1KiB, 20KB or 100MB (units B, KB, MB, GB, KiB, MiB, GiB)";
    String bandwidthHelp = "a bandwidth such as 700kbps, 30Mbps or 1Gbps (bits per second), or unlimited";
    String rateHelp = "a rate such as 2/s, 120/min or 0.5 (per second)";
    return Stream.of(
        Arguments.of(duration, "10", "'10' has no unit; expected " + durationHelp),
        Arguments.of(duration, "5 parsecs", "unknown time unit 'parsecs'; expected " + durationHelp),
        Arguments.of(duration, "soon", "'soon' is not " + durationHelp),
        Arguments.of(duration, "-5ms", "'-5ms' is not " + durationHelp),
        Arguments.of(duration, "", "'' is not " + durationHelp),
        Arguments.of(size, "10Mb", "'Mb' is not a size unit (sizes are in bytes, written with a capital B); expected " + sizeHelp),
        Arguments.of(size, "10Mbps", "'Mbps' is not a size unit (sizes are in bytes, written with a capital B); expected " + sizeHelp),
        Arguments.of(size, "3 furlongs", "unknown size unit 'furlongs'; expected " + sizeHelp),
        Arguments.of(size, "big", "'big' is not " + sizeHelp),
        Arguments.of(bandwidth, "100", "'100' has no unit; expected " + bandwidthHelp),
        Arguments.of(bandwidth, "10MB", "'10MB' is in bytes per second; bandwidths are in bits per second: did you mean 80Mbps?"),
        Arguments.of(bandwidth, "1 GB/s", "'1 GB/s' is in bytes per second; bandwidths are in bits per second: did you mean 8Gbps?"),
        Arguments.of(bandwidth, "125kB/s", "'125kB/s' is in bytes per second; bandwidths are in bits per second: did you mean 1Mbps?"),
        Arguments.of(bandwidth, "1MiBps", "'1MiBps' is in bytes per second; bandwidths are in bits per second: did you mean 8.38861Mbps?"),
        Arguments.of(bandwidth, "0Mbps", "a bandwidth must be above 0; expected " + bandwidthHelp),
        Arguments.of(bandwidth, "fast", "'fast' is not " + bandwidthHelp),
        Arguments.of(rate, "2/fortnight", "unknown rate unit '/fortnight'; expected " + rateHelp),
        Arguments.of(rate, "2s", "unknown rate unit 's'; expected " + rateHelp),
        Arguments.of(rate, "2 per second", "'2 per second' is not " + rateHelp));
  }

  @ParameterizedTest
  @MethodSource("badInput")
  void badInputSaysWhatWouldBeRight(Function<String, Object> parser, String text, String message) {
    assertThatThrownBy(() -> parser.apply(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }
}
