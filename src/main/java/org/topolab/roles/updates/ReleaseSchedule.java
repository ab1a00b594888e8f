package org.topolab.roles.updates;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.random.RandomGenerator;
import org.topolab.distribution.Distribution;
import org.topolab.node.RunWindow;
import org.topolab.settings.Settings;
import org.topolab.settings.Units;

/** When a publisher releases its versions: at listed times, or at intervals drawn from a distribution. */
public sealed interface ReleaseSchedule {

  /**
   * The simulated time of release {@code n} (from 1), the one before having been at {@code
   * previous} (0 for the first); -1 if there is no release {@code n}.
   */
  long time(int n, long previous, RandomGenerator random);

  /** Releases at the listed times, in nanoseconds, in increasing order. */
  record At(long[] times) implements ReleaseSchedule {
    @Override
    public long time(int n, long previous, RandomGenerator random) {
      return n <= times.length ? times[n - 1] : -1;
    }
  }

  /**
   * The first release after a delay drawn from {@code first}, each later one an interval drawn
   * from {@code interval} after the one before, at most {@code count} in all.
   */
  record Every(Distribution first, Distribution interval, long count) implements ReleaseSchedule {
    @Override
    public long time(int n, long previous, RandomGenerator random) {
      if (n > count) {
        return -1;
      }
      return n == 1 ? first.sampleLong(random) : previous + interval.sampleLong(random);
    }
  }

  /**
   * Reads {@code release-times}, or {@code release-interval} with {@code first-release} and {@code
   * releases}. Without {@code first-release} the first version comes one interval (a draw of
   * {@code release-interval}) after the start: at T for a fixed period T, and as the first event of
   * a Poisson process for an exponential interval.
   */
  static ReleaseSchedule read(Settings in, RunWindow window) {
    boolean listed = in.has("release-times");
    boolean periodic = in.has("release-interval");
    boolean first = in.has("first-release");
    boolean count = in.has("releases");
    if (listed && periodic) {
      in.problem(
          "release-interval",
          "give either release-times (a list of times) or release-interval (a period or a distribution), not both");
    }
    if (listed) {
      for (String key : new String[] {"first-release", "releases"}) {
        if (in.has(key)) {
          in.problem(key, "goes with release-interval; release-times already lists every release");
        }
      }
      return new At(times(in, window));
    }
    if (!periodic) {
      in.problem(
          "release-times",
          "a publisher needs release-times = [1s, 11s, 30s], or release-interval = 10s "
              + "(or a distribution such as { distribution = exponential, mean = 10s })");
      return new At(new long[0]);
    }
    Distribution interval = in.distribution("release-interval", Settings.Quantity.DURATION, null);
    if (!(interval.mean() > 0)) {
      in.problem("release-interval", "must be above 0 on average, or every version would be released at the same instant");
    }
    return new Every(
        first ? new Distribution.Constant(in.duration("first-release", null, 0)) : interval,
        interval,
        count ? in.integer("releases", null, 1, Long.MAX_VALUE) : Long.MAX_VALUE);
  }

  private static long[] times(Settings in, RunWindow window) {
    String key = "release-times";
    ConfigValue value = in.raw(key);
    if (value.valueType() != ConfigValueType.LIST || ((ConfigList) value).isEmpty()) {
      in.problem(key, "expected a list of one or more durations such as [1s, 11s, 30s], found " + Settings.describe(value));
      return new long[0];
    }
    ConfigList list = (ConfigList) value;
    long[] times = new long[list.size()];
    for (int i = 0; i < times.length; i++) {
      ConfigValue item = list.get(i);
      String text = String.valueOf(item.unwrapped());
      try {
        if (item.valueType() == ConfigValueType.OBJECT || item.valueType() == ConfigValueType.LIST) {
          throw new IllegalArgumentException("expected " + Units.DURATION_HELP + ", found " + Settings.describe(item));
        }
        times[i] = Units.duration(text);
      } catch (IllegalArgumentException e) {
        in.problem(key, "entry " + (i + 1) + ": " + e.getMessage());
        return new long[0];
      }
      if (i > 0 && times[i] <= times[i - 1]) {
        in.problem(key, "the times must increase, but entry " + (i + 1) + " (" + text + ") is not after the one before");
        return new long[0];
      }
      if (!(times[i] < window.endNanos())) {
        in.problem(
            key,
            "entry " + (i + 1) + " (" + text + ") is not before the end of the workload (duration = "
                + window.endNanos() / 1e9 + " s): releases happen within the workload");
        return new long[0];
      }
    }
    return times;
  }
}
