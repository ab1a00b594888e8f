package org.topolab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TOPOLAB_CLASSPATH entry that does not exist is named, instead of surfacing as an unknown role. */
class UserClasspathTest {

  private static final String SCENARIO = "scenarios/web-one-server.conf";

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int execute(String classpath, String... args) {
    Map<String, String> environment = Map.of("TOPOLAB_CLASSPATH", classpath);
    return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), environment::get, args);
  }

  @Test
  void runNamesAMissingEntryAndRunsNothing() {
    int exit = execute("/no/such.jar", "run", SCENARIO, "--out", dir.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).isEqualTo(String.format("TOPOLAB_CLASSPATH entry /no/such.jar does not exist%n"));
    assertThat(out.toString()).isEmpty();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void validateNamesTheFirstMissingEntry() throws Exception {
    Path jar = Files.createFile(dir.resolve("roles.jar"));

    int exit = execute(jar + ":" + dir.resolve("gone.jar") + ":/no/such.jar", "validate", SCENARIO);

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("TOPOLAB_CLASSPATH entry " + dir.resolve("gone.jar") + " does not exist");
  }

  @Test
  void entriesThatExistPassAsDoEmptyOnesAndWildcardsOfADirectory() throws Exception {
    Path jar = Files.createFile(dir.resolve("roles.jar"));

    int exit = execute(jar + "::" + dir + "/*:", "validate", SCENARIO);

    assertThat(exit).as("errors: %s", err).isZero();
    assertThat(out.toString()).contains("valid");
  }
}
