package org.topolab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topolab.node.GroupInfo;
import org.topolab.roles.RoleRegistry;
import org.topolab.settings.Problems;
import org.topolab.settings.ScenarioException;

/** How a scenario's variants, sweeps and --set overrides expand into runs. */
class ScenarioLoaderTest {

  private static final String BASE =
      """
      name = "Expansion"
      duration = 10s
      groups {
        server {
          role = server
          workers = 2
          service-time = 10ms
          queue-limit = 50
        }
        clients {
          role = client
          count = 1
          target = server
          think-time = 1s
        }
      }
      """;

  @TempDir Path dir;

  private Experiment load(String text, String... overrides) throws Exception {
    Path file = dir.resolve("expansion.conf");
    Files.writeString(file, text);
    return new ScenarioLoader(new RoleRegistry()).load(file, List.of(overrides));
  }

  private static RunSetup parse(RunSpec run) {
    Problems problems = new Problems("test");
    RunSetup setup = new RunParser(new RoleRegistry()).parse(run, problems);
    assertThat(problems.list()).isEmpty();
    return setup;
  }

  @Test
  void noVariantsOrSweepIsOneDefaultRun() throws Exception {
    Experiment experiment = load(BASE);
    assertThat(experiment.name()).isEqualTo("Expansion");
    assertThat(experiment.slug()).isEqualTo("expansion");
    assertThat(experiment.runs()).hasSize(1);
    RunSpec run = experiment.runs().get(0);
    assertThat(run.variant()).isEqualTo("default");
    assertThat(run.params()).isEmpty();
    assertThat(run.label()).isEqualTo("default");
  }

  @Test
  void theVariantKeyNamesTheScenarioAsWritten() throws Exception {
    Experiment experiment = load("variant = one-server\n" + BASE + "variants { pool { groups.server.workers = 8 } }\n");
    assertThat(experiment.runs()).extracting(RunSpec::variant).containsExactly("one-server", "pool");
    parse(experiment.runs().get(0));
  }

  @Test
  void aVariantMayNotTakeTheBaseVariantsName() throws Exception {
    assertThatThrownBy(() -> load("variant = pool\n" + BASE + "variants { pool { groups.server.workers = 8 } }\n"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("variants.pool: 'pool' names the scenario as written; give the variant another name");
  }

  @Test
  void varsAreSubstitutedRunByRunAfterVariantsSweepsAndOverrides() throws Exception {
    String text = BASE.replace("workers = 2", "workers = ${vars.workers}").replace("service-time = 10ms", "service-time = ${vars.service}")
        + "vars { workers = 2, service = 10ms }\n"
        + "variants { big { vars.workers = 8 } }\n"
        + "sweep { \"vars.service\" = [5ms, 20ms] }\n";
    List<RunSpec> runs = load(text, "vars.workers=3").runs();
    // --set applies to the file as written, the variant on top of it, the sweep point last.
    assertThat(runs).extracting(run -> run.config().getInt("groups.server.workers")).containsExactly(3, 8, 3, 8);
    assertThat(runs).extracting(run -> run.config().getString("groups.server.service-time"))
        .containsExactly("5ms", "5ms", "20ms", "20ms");
    runs.forEach(ScenarioLoaderTest::parse);
  }

  @Test
  void aSubstitutionWithNothingToResolveToIsAProblemAtItsLine() throws Exception {
    assertThatThrownBy(() -> load(BASE.replace("service-time = 10ms", "service-time = ${vars.nope}")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageEndingWith("expansion.conf:7: Could not resolve substitution to a value: ${vars.nope}");
  }

  @Test
  void nameDefaultsToTheFileName() throws Exception {
    assertThat(load(BASE.replace("name = \"Expansion\"\n", "")).name()).isEqualTo("expansion");
  }

  @Test
  void runsAreTheCartesianProductSweepPointOuterVariantsInner() throws Exception {
    Experiment experiment =
        load(
            BASE
                + """
                variants {
                  big { groups.server.workers = 8 }
                  slow { groups.server.service-time = 50ms }
                }
                sweep {
                  "groups.clients.count" = [1, 2]
                  "groups.server.queue-limit" = [10, 20]
                }
                """);
    // 2 x 2 sweep points, each with the default and the two variants: 12 runs. The first sweep
    // key is the outer loop; at each point the variants follow each other.
    List<String> labels = experiment.runs().stream().map(RunSpec::label).toList();
    String count = "groups.clients.count=";
    String limit = " groups.server.queue-limit=";
    assertThat(labels)
        .containsExactly(
            "default " + count + 1 + limit + 10, "big " + count + 1 + limit + 10, "slow " + count + 1 + limit + 10,
            "default " + count + 1 + limit + 20, "big " + count + 1 + limit + 20, "slow " + count + 1 + limit + 20,
            "default " + count + 2 + limit + 10, "big " + count + 2 + limit + 10, "slow " + count + 2 + limit + 10,
            "default " + count + 2 + limit + 20, "big " + count + 2 + limit + 20, "slow " + count + 2 + limit + 20);
    for (int i = 0; i < experiment.runs().size(); i++) {
      assertThat(experiment.runs().get(i).index()).isEqualTo(i);
    }
  }

  @Test
  void eachRunRecordsItsParamsAndRunsWithThem() throws Exception {
    Experiment experiment =
        load(BASE + "variants { big { groups.server.workers = 8 } }\nsweep { \"groups.clients.count\" = [3, 5] }\n");
    RunSpec bigAtFive = experiment.runs().get(3);
    assertThat(bigAtFive.variant()).isEqualTo("big");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("groups.clients.count", 5);
    assertThat(bigAtFive.params()).isEqualTo(expected);
    RunSetup setup = parse(bigAtFive);
    // The swept value and the variant's value both reach the run; the rest is the base's.
    assertThat(setup.topology().group("clients").count()).isEqualTo(5);
    assertThat(bigAtFive.config().getInt("groups.server.workers")).isEqualTo(8);
    assertThat(bigAtFive.config().getInt("groups.server.queue-limit")).isEqualTo(50);
    // The default run at the same point keeps the base's workers.
    assertThat(experiment.runs().get(2).config().getInt("groups.server.workers")).isEqualTo(2);
  }

  @Test
  void variantMergesIntoAGroupThatKeepsItsRole() throws Exception {
    Experiment experiment = load(BASE + "variants { big { groups.server.workers = 8 } }\n");
    RunSpec big = experiment.runs().get(1);
    assertThat(big.config().getInt("groups.server.workers")).isEqualTo(8);
    assertThat(big.config().getString("groups.server.service-time")).isEqualTo("10ms");
  }

  @Test
  void variantThatChangesAGroupsRoleReplacesTheGroupWhole() throws Exception {
    // "server" becomes a load balancer in front of a new pool: its workers, service-time and
    // queue-limit would be unknown keys for a load balancer, and must be gone, not reported.
    Experiment experiment =
        load(
            BASE
                + """
                variants {
                  pooled {
                    groups {
                      pool { role = server, count = 3, service-time = 10ms }
                      server { role = load-balancer, backends = pool }
                    }
                  }
                }
                """);
    RunSpec pooled = experiment.runs().get(1);
    assertThat(pooled.config().getObject("groups.server").keySet()).containsExactlyInAnyOrder("role", "backends");
    RunSetup setup = parse(pooled);
    assertThat(setup.topology().group("server").role()).isEqualTo("load-balancer");
    assertThat(setup.topology().group("pool").count()).isEqualTo(3);
  }

  @Test
  void aVariantsGroupBuiltFromAVarCanBeChangedFromTheCommandLine() throws Exception {
    // The variant's group is ${vars.waiter} { ... }: with a --set on it, it is a merge that only
    // resolving can read, and the role check must read it resolved (it used to throw).
    String text = BASE.replace("name = \"Expansion\"\n", "name = \"Expansion\"\nvars.waiter { count = 1, target = server }\n")
        + "variants { patient { groups.clients = ${vars.waiter} { role = client, think-time = 5s } } }\n";
    Experiment experiment = load(text, "variants.patient.groups.clients.think-time=7s");
    RunSpec patient = experiment.runs().get(1);
    assertThat(patient.config().getString("groups.clients.think-time")).isEqualTo("7s");
    assertThat(parse(patient).topology().group("clients").role()).isEqualTo("client");
  }

  @Test
  void nullRemovesAGroup() throws Exception {
    Experiment experiment =
        load(
            BASE.replace("groups {", "groups {\n  idle { role = client, target = server, think-time = 1s }")
                + "variants { lean { groups.idle = null } }\n");
    List<String> defaultGroups = parse(experiment.runs().get(0)).topology().groups().stream().map(GroupInfo::name).toList();
    List<String> leanGroups = parse(experiment.runs().get(1)).topology().groups().stream().map(GroupInfo::name).toList();
    assertThat(defaultGroups).containsExactly("idle", "server", "clients");
    assertThat(leanGroups).containsExactly("server", "clients");
  }

  @Test
  void setAppliesBeforeVariantsAndSweeps() throws Exception {
    Experiment experiment =
        load(
            BASE + "variants { many { groups.clients.count = 9 } }\n",
            "groups.clients.count=5",
            "groups.server.workers=3");
    // --set is as if the file said so: the default run has it, the variant overrides what it names
    // and keeps the rest.
    RunSpec base = experiment.runs().get(0);
    RunSpec many = experiment.runs().get(1);
    assertThat(base.config().getInt("groups.clients.count")).isEqualTo(5);
    assertThat(many.config().getInt("groups.clients.count")).isEqualTo(9);
    assertThat(many.config().getInt("groups.server.workers")).isEqualTo(3);

  }

  @Test
  void setOfAKeyTheSweepSetsIsAProblemThatSaysHowToSweepInstead() {
    assertThatThrownBy(() -> load(BASE + "sweep { \"groups.clients.count\" = [7] }\n", "groups.clients.count=5"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("--set groups.clients.count=5: the sweep sets groups.clients.count at every point, which replaces"
            + " this value; sweep over the values you want instead (--set 'sweep={\"groups.clients.count\" = [...]}') or drop"
            + " the sweep (--set sweep=null)");
  }

  @Test
  void aVarThatNothingUsesIsAProblemWithTheNearestUsedOne() {
    String scenario = BASE.replace("workers = 2", "workers = ${vars.workers}").replace("groups {", "vars { workers = 2 }\ngroups {");
    assertThatThrownBy(() -> load(scenario, "vars.wrokers=3"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("vars.wrokers: nothing uses it (no ${vars.wrokers} in the scenario); did you mean 'workers'?");
    assertThatThrownBy(() -> load(scenario + "sweep { \"vars.wrokers\" = [1, 2] }\n"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("vars.wrokers: nothing uses it");
  }

  @Test
  void setCanAddKeysTheFileDoesNotHave() throws Exception {
    Experiment experiment = load(BASE, "seed=99", "network.latency=2ms");
    RunSetup setup = parse(experiment.runs().get(0));
    assertThat(setup.seed()).isEqualTo(99);
    assertThat(setup.latency().mean()).isEqualTo(2_000_000.0);
  }
}
