package org.topolab.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.topolab.cost.CostModel;
import org.topolab.roles.RoleRegistry;
import org.topolab.settings.Names;
import org.topolab.settings.Problem;
import org.topolab.settings.Problems;
import org.topolab.settings.ScenarioException;
import org.topolab.settings.Settings;

/**
 * Reads a scenario file, applies the command line's overrides, expands its variants and sweeps
 * into runs, and validates every run, reporting all problems at once.
 */
public final class ScenarioLoader {

  /** What the scenario as written is called among its variants, unless its {@code variant} key says. */
  public static final String DEFAULT_VARIANT = "default";

  private final RoleRegistry roles;

  /** A loader that looks roles up in {@code roles}. */
  public ScenarioLoader(RoleRegistry roles) {
    this.roles = roles;
  }

  /**
   * The experiment in {@code file}, with {@code overrides} ({@code path=value}, as if the file had
   * said so) applied first.
   */
  public Experiment load(Path file, List<String> overrides) throws ScenarioException {
    String source = file.toString();
    Problems problems = new Problems(source);
    if (Files.isDirectory(file)) {
      throw new ScenarioException(List.of(new Problem(source, 0, "", "is a folder; " + scenarioIn(file))));
    }
    if (!Files.isRegularFile(file)) {
      throw new ScenarioException(List.of(new Problem(source, 0, "", "no such scenario file")));
    }
    if (!Files.isReadable(file)) {
      throw new ScenarioException(List.of(new Problem(source, 0, "", "cannot be read (permission denied)")));
    }
    // Substitutions (${vars.x}) are resolved run by run, after the variant and the sweep point are
    // applied, so that sweeping or overriding a value changes every place that refers to it.
    Config written;
    Config config;
    try {
      written = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
      for (String override : overrides) {
        written = parseOverride(override).withFallback(written);
      }
      config = written.resolve();
    } catch (ConfigException e) {
      problems.add(e.origin(), "", stripOrigin(e));
      problems.throwIfAny();
      throw new IllegalStateException(e);
    } catch (StackOverflowError e) {
      // The parser recurses once per level of nesting: hundreds of levels exhaust its stack.
      throw new ScenarioException(List.of(new Problem(source, 0, "",
          "nests objects or lists too deeply for the parser to follow; a scenario needs a few levels, not hundreds")));
    }

    Config base = written.withoutPath("variants").withoutPath("sweep");
    List<Map.Entry<String, Config>> variants = new ArrayList<>();
    Settings top = new Settings(config.root(), config.origin(), "", problems, null);
    String baseName = top.string("variant", DEFAULT_VARIANT);
    variants.add(Map.entry(baseName, base));
    Settings variantSettings = top.object("variants");
    for (String name : variantSettings.keys()) {
      ConfigValue value = variantSettings.raw(name);
      if (value.valueType() != ConfigValueType.OBJECT) {
        variantSettings.problem(name, "a variant is an object of overrides { ... }, found " + Settings.describe(value));
      } else if (name.equals(baseName)) {
        variantSettings.problem(name, "'" + baseName + "' names the scenario as written; give the variant another name");
      } else {
        ConfigObject asWritten = (ConfigObject) ((ConfigObject) written.root().get("variants")).get(name);
        variants.add(Map.entry(name, applyVariant(base, config, name, asWritten)));
      }
    }

    List<Map.Entry<String, ConfigList>> axes = new ArrayList<>();
    Settings sweep = top.object("sweep");
    for (String key : sweep.keys()) {
      ConfigValue value = sweep.raw(key);
      if (value.valueType() != ConfigValueType.LIST || ((ConfigList) value).isEmpty()) {
        sweep.problem('"' + key + '"', "a sweep gives a non-empty list of values, such as [10, 100, 1000]");
        continue;
      }
      try {
        List<String> path = ConfigUtil.splitPath(key);
        if (path.size() >= 2 && path.get(0).equals("groups")) {
          Set<String> groupNames = new TreeSet<>();
          variants.forEach(v -> groupNames.addAll(v.getValue().getObject("groups").keySet()));
          if (!groupNames.contains(path.get(1))) {
            sweep.problem('"' + key + '"', "there is no group '" + path.get(1) + "' to sweep over"
                + Names.hint(path.get(1), groupNames) + " (groups: " + String.join(", ", groupNames) + ")");
            continue;
          }
        }
        axes.add(Map.entry(key, (ConfigList) value));
      } catch (ConfigException e) {
        sweep.problem('"' + key + '"', "not a key path: " + stripOrigin(e));
      }
    }
    unusedVars(written, axes, problems);
    overridesTheSweepReplaces(overrides, axes, problems);
    problems.throwIfAny();

    List<RunSpec> runs = new ArrayList<>();
    for (Map<String, ConfigValue> point : points(axes)) {
      for (Map.Entry<String, Config> variant : variants) {
        Config run = variant.getValue();
        Map<String, Object> params = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> entry : point.entrySet()) {
          run = run.withValue(entry.getKey(), entry.getValue());
          params.put(entry.getKey(), entry.getValue().unwrapped());
        }
        try {
          runs.add(new RunSpec(runs.size(), variant.getKey(), params, run.resolve()));
        } catch (ConfigException e) {
          problems.add(e.origin(), "", stripOrigin(e));
        }
      }
    }
    problems.throwIfAny();
    String name = config.hasPath("name") ? String.valueOf(config.getValue("name").unwrapped()) : Experiment.slugOf(file);
    Experiment experiment = new Experiment(name, file, runs);
    validate(experiment, problems);
    return experiment;
  }

  /** Parses every run of {@code experiment}, so that all problems surface before anything runs. */
  private void validate(Experiment experiment, Problems problems) throws ScenarioException {
    CostModel.checkGroups(experiment.runs().stream().map(RunSpec::config).toList(), problems);
    RunParser parser = new RunParser(roles);
    for (RunSpec run : experiment.runs()) {
      parser.parse(run, problems);
    }
    problems.throwIfAny();
  }

  /**
   * Variant {@code name}'s overrides on top of {@code base}; a group whose role changes is replaced
   * whole. Both roles are read from {@code resolved}, the whole file resolved: a variant's group
   * written as {@code ${vars.x} { ... }} and changed from the command line is a merge that only
   * resolving can read.
   */
  private static Config applyVariant(Config base, Config resolved, String name, ConfigObject variant) {
    Config overrides = variant.toConfig();
    ConfigValue groups = variant.get("groups");
    if (groups instanceof ConfigObject changed && resolved.hasPath("groups")) {
      for (String group : changed.keySet()) {
        String path = ConfigUtil.joinPath("groups", group);
        String variantRole = ConfigUtil.joinPath("variants", name, "groups", group, "role");
        if (resolved.hasPath(variantRole)
            && resolved.hasPath(path + ".role")
            && !resolved.getValue(path + ".role").unwrapped().equals(resolved.getValue(variantRole).unwrapped())) {
          base = base.withoutPath(path);
        }
      }
    }
    return overrides.withFallback(base);
  }

  /**
   * Records a problem for each var that no ${vars.NAME} uses, whether the file, the command line or
   * a sweep sets it: a misspelt var would otherwise run happily and change nothing. A var is used
   * when the scenario, its variants included, no longer resolves without it.
   */
  private static void unusedVars(Config written, List<Map.Entry<String, ConfigList>> axes, Problems problems) {
    Map<String, ConfigOrigin> names = new LinkedHashMap<>();
    if (written.hasPath("vars") && written.getValue("vars").valueType() == ConfigValueType.OBJECT) {
      written.getObject("vars").forEach((name, value) -> names.put(name, value.origin()));
    }
    for (Map.Entry<String, ConfigList> axis : axes) {
      List<String> path = ConfigUtil.splitPath(axis.getKey());
      if (path.size() == 2 && path.get(0).equals("vars")) {
        names.putIfAbsent(path.get(1), axis.getValue().origin());
      }
    }
    List<String> used = new ArrayList<>();
    List<String> unused = new ArrayList<>();
    for (String name : names.keySet()) {
      try {
        written.withoutPath(ConfigUtil.joinPath("vars", name)).resolve();
        unused.add(name);
      } catch (ConfigException.UnresolvedSubstitution e) {
        used.add(name);
      }
    }
    used.sort(null);
    for (String name : unused) {
      String path = ConfigUtil.joinPath("vars", name);
      problems.add(names.get(name), path,
          "nothing uses it (no ${" + path + "} in the scenario)" + Names.hint(name, used)
              + (used.isEmpty() ? "" : " (vars used: " + String.join(", ", used) + ")"));
    }
  }

  /** Records a problem for each --set of a key that the sweep sets anew at every point. */
  private static void overridesTheSweepReplaces(List<String> overrides, List<Map.Entry<String, ConfigList>> axes, Problems problems) {
    for (String override : overrides) {
      String path = override.substring(0, override.indexOf('=')).strip();
      for (Map.Entry<String, ConfigList> axis : axes) {
        String swept = axis.getKey();
        if (path.equals(swept) || path.startsWith(swept + ".") || swept.startsWith(path + ".")) {
          problems.add(null, "",
              "--set " + override + ": the sweep sets " + swept + " at every point, which replaces this value; sweep over "
                  + "the values you want instead (--set 'sweep={\"" + swept + "\" = [...]}') or drop the sweep (--set sweep=null)");
        }
      }
    }
  }

  /** Advice for someone who named a folder: one of its .conf files, if it has any. */
  private static String scenarioIn(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(path -> path.getFileName().toString().endsWith(".conf") && Files.isRegularFile(path))
          .sorted()
          .findFirst()
          .map(path -> "give one of its scenario files, such as " + path)
          .orElse("give a scenario file (it has no .conf file)");
    } catch (IOException e) {
      return "give a scenario file";
    }
  }

  /** Every combination of the axes' values, first axis outermost; one empty point if none. */
  private static List<Map<String, ConfigValue>> points(List<Map.Entry<String, ConfigList>> axes) {
    List<Map<String, ConfigValue>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    for (Map.Entry<String, ConfigList> axis : axes) {
      List<Map<String, ConfigValue>> next = new ArrayList<>();
      for (Map<String, ConfigValue> point : points) {
        for (ConfigValue value : axis.getValue()) {
          Map<String, ConfigValue> extended = new LinkedHashMap<>(point);
          extended.put(axis.getKey(), value);
          next.add(extended);
        }
      }
      points = next;
    }
    return points;
  }

  private static Config parseOverride(String override) {
    int equals = override.indexOf('=');
    if (equals <= 0) {
      throw new IllegalArgumentException("--set expects path=value, such as groups.clients.count=50; got '" + override + "'");
    }
    String path = override.substring(0, equals).strip();
    String value = override.substring(equals + 1).strip();
    String origin = "--set " + override;
    ConfigParseOptions options = ConfigParseOptions.defaults().setOriginDescription(origin);
    try {
      ConfigUtil.splitPath(path);
    } catch (ConfigException e) {
      throw new IllegalArgumentException("--set " + override + ": '" + path + "' is not a key path");
    }
    try {
      return ConfigFactory.parseString(path + " = " + value, options);
    } catch (ConfigException e) {
      // Not HOCON on its own (say, a string with special characters): take it as text.
      return ConfigFactory.empty(origin).withValue(path, ConfigValueFactory.fromAnyRef(value, origin));
    }
  }

  private static String stripOrigin(ConfigException e) {
    String message = e.getMessage();
    if (e.origin() != null) {
      String prefix = e.origin().description() + ": ";
      if (message.startsWith(prefix)) {
        message = message.substring(prefix.length());
      }
    }
    return message;
  }
}
