package org.topolab.settings;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.topolab.distribution.Distribution;
import org.topolab.node.GroupInfo;
import org.topolab.node.Topology;

/**
 * Reads one object of a scenario (the top level, a group, a link...) and validates it as it reads.
 *
 * <p>Each getter names a key the object may have; a bad value is recorded as a problem at the
 * value's line, and the getter returns the default so that reading goes on and every problem is
 * found in one pass. {@link #finish()} then reports the keys that nobody asked for as unknown.
 */
public final class Settings {

  /** What a distribution's values measure: how they are written and parsed. */
  public enum Quantity {
    /** Nanoseconds, written as durations. */
    DURATION(Units::duration, Units.DURATION_HELP),
    /** Bytes, written as sizes. */
    SIZE(Units::size, Units.SIZE_HELP),
    /** Plain whole numbers, written without a unit. */
    NUMBER(Units::number, Units.NUMBER_HELP);

    final ToLongFunction<String> parser;
    final String help;

    Quantity(ToLongFunction<String> parser, String help) {
      this.parser = parser;
      this.help = help;
    }
  }

  /** The distributions a scenario can name. */
  public static final List<String> DISTRIBUTIONS =
      List.of("constant", "uniform", "exponential", "normal", "lognormal", "pareto", "weibull");

  private final ConfigObject object;
  private final ConfigOrigin origin;
  private final String path;
  private final Problems problems;
  private Topology topology;
  private final Set<String> known = new LinkedHashSet<>();
  // Keys with a problem already: a value that could not be read is not then also "too small".
  private final Set<String> reported = new LinkedHashSet<>();

  /** A reader of {@code object} found at {@code path} ("" for the top level). */
  public Settings(ConfigObject object, ConfigOrigin origin, String path, Problems problems, Topology topology) {
    this.object = object;
    this.origin = origin;
    this.path = path;
    this.problems = problems;
    this.topology = topology;
  }

  /** Lets {@link #group} resolve group names against {@code topology}, here and in objects read later. */
  public void useTopology(Topology topology) {
    this.topology = topology;
  }

  /** Where this object is written. */
  public ConfigOrigin origin() {
    return origin;
  }

  /** Whether the key is given (as something other than null). */
  public boolean has(String key) {
    known.add(key);
    ConfigValue value = object.get(key);
    return value != null && value.valueType() != ConfigValueType.NULL;
  }

  /** Records a problem with {@code key} of this object, unless the key has one already. */
  public void problem(String key, String message) {
    if (!reported.add(key)) {
      return;
    }
    ConfigValue value = object.get(key);
    problems.add(value != null ? value.origin() : origin, qualify(key), message);
  }

  /** The full path of {@code key}. */
  public String qualify(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** A string; {@code fallback} if absent (null makes it required). */
  public String string(String key, String fallback) {
    ConfigValue value = value(key, fallback == null);
    if (value == null) {
      return fallback;
    }
    if (value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST) {
      problem(key, "expected a single value, found " + describe(value));
      return fallback;
    }
    return String.valueOf(value.unwrapped());
  }

  /** One of {@code choices}; {@code fallback} if absent (null makes it required). */
  public String choice(String key, String fallback, List<String> choices) {
    String text = string(key, fallback);
    if (text != null && !choices.contains(text)) {
      problem(key, "'" + text + "' is not one of " + String.join(", ", choices) + Names.hint(text, choices));
      return fallback;
    }
    return text;
  }

  /** A whole number in [min, max]; {@code fallback} if absent. */
  public long integer(String key, Long fallback, long min, long max) {
    ConfigValue value = value(key, fallback == null);
    if (value == null) {
      return fallback == null ? min : fallback;
    }
    Object raw = value.unwrapped();
    long result;
    if (raw instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
      result = number.longValue();
    } else {
      problem(key, "expected a whole number, found " + describe(value));
      return fallback == null ? min : fallback;
    }
    if (result < min || result > max) {
      problem(key, result + " is out of range; expected " + range(min, max));
      return fallback == null ? min : fallback;
    }
    return result;
  }

  /** A whole number in [min, max] as an {@code int}; {@code fallback} if absent. */
  public int integer(String key, int fallback, int min, int max) {
    return (int) integer(key, Long.valueOf(fallback), min, max);
  }

  /** A number in [min, max]; {@code fallback} if absent (NaN makes it required). */
  public double number(String key, double fallback, double min, double max) {
    ConfigValue value = value(key, Double.isNaN(fallback));
    if (value == null) {
      return Double.isNaN(fallback) ? min : fallback;
    }
    if (!(value.unwrapped() instanceof Number number)) {
      problem(key, "expected a number, found " + describe(value));
      return Double.isNaN(fallback) ? min : fallback;
    }
    double result = number.doubleValue();
    if (result < min || result > max) {
      problem(key, result + " is out of range; expected a number from " + min + " to " + max);
      return Double.isNaN(fallback) ? min : fallback;
    }
    return result;
  }

  /** A duration in nanoseconds, at least {@code min}; {@code fallback} if absent (null: required). */
  public long duration(String key, Long fallback, long min) {
    long result = parsed(key, fallback, Units::duration);
    if (result < min) {
      problem(key, "must be at least " + formatNanos(min));
      return min;
    }
    return result;
  }

  /** A size in bytes; {@code fallback} if absent (null: required). */
  public long size(String key, Long fallback) {
    return parsed(key, fallback, Units::size);
  }

  /** A bandwidth in bits per second; {@code fallback} if absent. */
  public double bandwidth(String key, double fallback) {
    return parsedDouble(key, fallback, Units::bandwidth);
  }

  /** A rate in events per second, above 0; {@code fallback} if absent (NaN: required). */
  public double rate(String key, double fallback) {
    double result = parsedDouble(key, fallback, Units::rate);
    if (!(result > 0) && has(key)) {
      problem(key, "a rate must be above 0; expected " + Units.RATE_HELP);
      return 1;
    }
    return result;
  }

  /**
   * A distribution of {@code quantity}: a plain value means constant, an object names one with
   * {@code distribution = ...} and its parameters. {@code fallback} if absent (null: required).
   */
  public Distribution distribution(String key, Quantity quantity, Distribution fallback) {
    ConfigValue value = value(key, fallback == null);
    if (value == null) {
      return fallback == null ? new Distribution.Constant(0) : fallback;
    }
    if (value.valueType() != ConfigValueType.OBJECT) {
      return new Distribution.Constant(parsed(key, 0L, quantity.parser));
    }
    Settings inner = object(key);
    String name = inner.choice("distribution", null, DISTRIBUTIONS);
    if (name == null) {
      return new Distribution.Constant(0); // its parameters mean nothing until the name is right
    }
    Distribution result = readDistribution(inner, name, quantity);
    inner.finish();
    return result == null ? new Distribution.Constant(0) : result;
  }

  private static Distribution readDistribution(Settings in, String name, Quantity quantity) {
    switch (name) {
      case "constant":
        return new Distribution.Constant(in.parsed("value", null, quantity.parser));
      case "uniform": {
        long min = in.parsed("min", null, quantity.parser);
        long max = in.parsed("max", null, quantity.parser);
        if (max < min) {
          in.problem("max", "max must not be below min");
        }
        return new Distribution.Uniform(min, Math.max(min, max));
      }
      case "exponential":
        return new Distribution.Exponential(in.positive("mean", quantity));
      case "normal":
        return new Distribution.Normal(in.positive("mean", quantity), in.parsed("stddev", null, quantity.parser));
      case "lognormal":
        return new Distribution.LogNormal(in.positive("mean", quantity), in.parsed("stddev", null, quantity.parser));
      case "pareto":
        return new Distribution.Pareto(in.positive("min", quantity), in.number("shape", Double.NaN, 0.01, 1000));
      case "weibull":
        return new Distribution.Weibull(in.number("shape", Double.NaN, 0.05, 100), in.positive("mean", quantity));
      default:
        return null;
    }
  }

  private long positive(String key, Quantity quantity) {
    long result = parsed(key, null, quantity.parser);
    if (result <= 0 && has(key)) {
      problem(key, "must be above 0; expected " + quantity.help);
      return 1;
    }
    return result;
  }

  /** The group that {@code key} names, which must have one of {@code roles}; null if it is wrong. */
  public GroupInfo group(String key, List<String> roles) {
    String name = string(key, null);
    if (name == null) {
      return null;
    }
    GroupInfo group = topology.group(name);
    if (group != null && group.role() == null) {
      return null; // the group's own role is wrong, and reported there
    }
    List<String> names = topology.groups().stream().map(GroupInfo::name).toList();
    if (group == null) {
      problem(key, "there is no group '" + name + "'" + Names.hint(name, names) + " (groups: " + String.join(", ", names) + ")");
      return null;
    }
    if (!roles.contains(group.role())) {
      problem(
          key,
          "group '" + name + "' has role " + group.role() + "; expected a group of role " + String.join(" or ", roles));
      return null;
    }
    return group;
  }

  /** A reader of the object under {@code key}; empty if absent. */
  public Settings object(String key) {
    ConfigValue value = value(key, false);
    if (value == null) {
      return new Settings(com.typesafe.config.ConfigFactory.empty().root(), origin, qualify(key), problems, topology);
    }
    if (value.valueType() != ConfigValueType.OBJECT) {
      problem(key, "expected an object { ... }, found " + describe(value));
      return new Settings(com.typesafe.config.ConfigFactory.empty().root(), value.origin(), qualify(key), problems, topology);
    }
    return new Settings((ConfigObject) value, value.origin(), qualify(key), problems, topology);
  }

  /**
   * A reader of each object in the list under {@code key}, at paths {@code key[0]}, {@code key[1]}...;
   * empty if absent. {@code example} shows in the message when the value is not a list of objects.
   */
  public List<Settings> objects(String key, String example) {
    ConfigValue value = value(key, false);
    if (value == null) {
      return List.of();
    }
    if (value.valueType() != ConfigValueType.LIST) {
      problem(key, "expected a list of objects such as " + example + ", found " + describe(value));
      return List.of();
    }
    List<Settings> result = new ArrayList<>();
    ConfigList list = (ConfigList) value;
    for (int i = 0; i < list.size(); i++) {
      ConfigValue item = list.get(i);
      String itemPath = qualify(key) + "[" + i + "]";
      if (item.valueType() != ConfigValueType.OBJECT) {
        problems.add(item.origin(), itemPath, "expected an object such as " + example + ", found " + describe(item));
      } else {
        result.add(new Settings((ConfigObject) item, item.origin(), itemPath, problems, topology));
      }
    }
    return result;
  }

  /** The keys given in this object, in the order they are written. */
  public List<String> keys() {
    return ordered(object);
  }

  /** The keys of {@code object} in the order they are written in the scenario file. */
  public static List<String> ordered(ConfigObject object) {
    List<String> keys = new ArrayList<>(object.keySet());
    keys.sort(
        (a, b) -> {
          int byLine = Integer.compare(fileLine(object.get(a)), fileLine(object.get(b)));
          return byLine != 0 ? byLine : a.compareTo(b);
        });
    return keys;
  }

  /**
   * The first line at which a value is written in the scenario file. An object merged from the
   * file and an override (--set, a variant) keeps the place of its first line in the file, so
   * overriding a key never reorders groups or sweeps.
   */
  private static int fileLine(ConfigValue value) {
    int line = value.origin().filename() != null && value.origin().lineNumber() > 0 ? value.origin().lineNumber() : Integer.MAX_VALUE;
    if (value instanceof ConfigObject inner) {
      for (ConfigValue child : inner.values()) {
        line = Math.min(line, fileLine(child));
      }
    }
    return line;
  }

  /** The raw value of {@code key}, or null; marks the key as known. */
  public ConfigValue raw(String key) {
    known.add(key);
    return object.get(key);
  }

  /** Reports every key given here that no getter asked for. */
  public void finish() {
    for (String key : object.keySet()) {
      if (!known.contains(key)) {
        String hint = Names.hint(key, known);
        String choices = known.isEmpty() ? "" : " (known keys: " + String.join(", ", known) + ")";
        problem(key, "unknown key" + (hint.isEmpty() ? choices : hint));
      }
    }
  }

  private ConfigValue value(String key, boolean required) {
    known.add(key);
    ConfigValue value = object.get(key);
    if (value == null || value.valueType() == ConfigValueType.NULL) {
      if (required && reported.add(key)) {
        problems.add(origin, qualify(key), "is required");
      }
      return null;
    }
    return value;
  }

  private long parsed(String key, Long fallback, ToLongFunction<String> parser) {
    ConfigValue value = value(key, fallback == null);
    if (value == null) {
      return fallback == null ? 0 : fallback;
    }
    if (!isScalar(value)) {
      problem(key, "expected a single value, found " + describe(value));
      return fallback == null ? 0 : fallback;
    }
    try {
      long result = parser.applyAsLong(String.valueOf(value.unwrapped()));
      if (result < 0) {
        problem(key, "must not be negative");
        return fallback == null ? 0 : fallback;
      }
      return result;
    } catch (IllegalArgumentException e) {
      problem(key, e.getMessage());
      return fallback == null ? 0 : fallback;
    }
  }

  private double parsedDouble(String key, double fallback, ToDoubleFunction<String> parser) {
    ConfigValue value = value(key, Double.isNaN(fallback));
    if (value == null) {
      return Double.isNaN(fallback) ? 1 : fallback;
    }
    if (!isScalar(value)) {
      problem(key, "expected a single value, found " + describe(value));
      return Double.isNaN(fallback) ? 1 : fallback;
    }
    try {
      return parser.applyAsDouble(String.valueOf(value.unwrapped()));
    } catch (IllegalArgumentException e) {
      problem(key, e.getMessage());
      return Double.isNaN(fallback) ? 1 : fallback;
    }
  }

  private static boolean isScalar(ConfigValue value) {
    return value.valueType() != ConfigValueType.OBJECT && value.valueType() != ConfigValueType.LIST;
  }

  /** How a value reads in an error message. */
  public static String describe(ConfigValue value) {
    return switch (value.valueType()) {
      case OBJECT -> "an object";
      case LIST -> "a list of " + ((ConfigList) value).size();
      case STRING -> "'" + value.unwrapped() + "'";
      default -> String.valueOf(value.unwrapped());
    };
  }

  private static String range(long min, long max) {
    if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
      return "a whole number of at least " + min;
    }
    return "a whole number from " + min + " to " + max;
  }

  private static String formatNanos(long nanos) {
    return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + "ms" : nanos + "ns";
  }
}
