package org.topolab.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The packages form layers: none depends, directly or through others, on a package that depends
 * on it. Read from the compiled classes by the JDK's own jdeps.
 */
class PackageCyclesTest {

  private static final Pattern EDGE = Pattern.compile("^\\s+(org\\.topolab[\\w.]*)\\s+->\\s+(org\\.topolab[\\w.]*)\\s", Pattern.MULTILINE);

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    Map<String, Set<String>> uses = dependencies();
    assertThat(uses).containsKeys("org.topolab.engine", "org.topolab.role", "org.topolab.scenario", "org.topolab.report");
    List<String> cycles = new ArrayList<>();
    for (String start : uses.keySet()) {
      List<String> path = pathBack(uses, start);
      if (path != null) {
        cycles.add(String.join(" -> ", path));
      }
    }
    assertThat(cycles).as("package cycles").isEmpty();
  }

  @Test
  void theRoleSpiStandsOnTheLowerLayersOnly() {
    Set<String> spi = dependencies().get("org.topolab.role");
    assertThat(spi).doesNotContain("org.topolab.engine", "org.topolab.scenario", "org.topolab.report", "org.topolab.roles", "org.topolab.run");
  }

  /** Package to the packages it uses, from jdeps. */
  private static Map<String, Set<String>> dependencies() {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    int exit = jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()),
        "-verbose:package", "-filter:none", "-e", "org\\.topolab.*", Path.of("target/classes").toString());
    assertThat(exit).as("jdeps: %s", out).isZero();
    Map<String, Set<String>> uses = new TreeMap<>();
    Matcher edge = EDGE.matcher(out.toString());
    while (edge.find()) {
      if (!edge.group(1).equals(edge.group(2))) {
        uses.computeIfAbsent(edge.group(1), key -> new TreeSet<>()).add(edge.group(2));
      }
    }
    return uses;
  }

  /** A path of dependencies from {@code start} back to itself, or null. */
  private static List<String> pathBack(Map<String, Set<String>> uses, String start) {
    Deque<List<String>> paths = new ArrayDeque<>();
    paths.add(List.of(start));
    Set<String> seen = new TreeSet<>();
    while (!paths.isEmpty()) {
      List<String> path = paths.poll();
      for (String next : uses.getOrDefault(path.get(path.size() - 1), Set.of())) {
        List<String> longer = new ArrayList<>(path);
        longer.add(next);
        if (next.equals(start)) {
          return longer;
        }
        if (seen.add(next)) {
          paths.add(longer);
        }
      }
    }
    return null;
  }
}
