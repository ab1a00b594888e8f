package org.topolab.roles.clientserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.Scenarios;

/**
 * scenarios/attackers.conf, shortened to 20 s: what its header and docs/security.md say it shows
 * holds. Open, the server serves every unauthorised request and the flood starves the staff;
 * protected, it serves none, and the flood is held to its rate limit.
 */
class AttackersScenarioTest {

  private static final Path SCENARIO = Path.of("scenarios/attackers.conf");
  private static final String SHORT = "duration=20s";

  private static double failedShare(JsonNode client) {
    JsonNode requests = client.get("requests");
    return 1 - requests.get("ok").asDouble() / requests.get("sent").asDouble();
  }

  @Test
  void accessControlServesNothingUnauthorisedAndTheRateLimitHoldsTheFlood() {
    ScenarioReport report = Scenarios.run(SCENARIO, SHORT);
    JsonNode open = report.run("open").group("server").get("security");
    JsonNode guarded = report.run("protected").group("server").get("security");
    // The intruders and guessers send some 40 requests a second, none of them allowed.
    assertThat(open.get("protected").asBoolean()).isFalse();
    assertThat(open.get("unauthorised-attempts").asLong()).isGreaterThan(300);
    // Served anyway, unless the overloaded server's queue turned them away: the intruders' and
    // guessers' successful requests (within a few, for requests on the wire at the window's start).
    long servedOk = report.run("open").group("intruders").get("requests").get("ok").asLong()
        + report.run("open").group("guessers").get("requests").get("ok").asLong();
    assertThat(open.get("unauthorised-served").asLong()).isPositive().isBetween(servedOk - 5, servedOk + 5);
    assertThat(open.get("rate-limited").asLong()).isZero();
    assertThat(guarded.get("protected").asBoolean()).isTrue();
    assertThat(guarded.get("unauthorised-attempts").asLong()).isGreaterThan(300);
    assertThat(guarded.get("unauthorised-served").asLong()).isZero();
    // Each attacker's requests: served when open, refused when protected.
    for (String attackers : new String[] {"intruders", "guessers"}) {
      JsonNode requests = report.run("protected").group(attackers).get("requests");
      assertThat(requests.get("ok").asLong()).as(attackers).isZero();
      assertThat(requests.get("unauthorised").asLong()).as(attackers).isEqualTo(requests.get("sent").asLong());
      assertThat(report.run("open").group(attackers).get("requests").get("unauthorised").asLong()).as(attackers).isZero();
    }
    assertThat(report.run("open").group("guessers").get("security").get("attack").asText()).isEqualTo("wrong-credentials");
    // The flood (1000/s, over twice the server's 400/s) starves the staff when open; protected, it
    // gets its 20 a second and the rest is refused at the door.
    assertThat(failedShare(report.run("open").group("staff"))).isGreaterThan(0.3);
    assertThat(failedShare(report.run("protected").group("staff"))).isLessThan(0.01);
    double flooded = report.run("protected").group("flooder").get("requests").get("throughput-per-s").asDouble();
    assertThat(flooded).isBetween(19.0, 21.5);
    assertThat(guarded.get("rate-limited").asLong()).isGreaterThan(10_000);
  }

  @Test
  void theSameReportInOneAndTwoPartitions() {
    ScenarioReport one = Scenarios.run(SCENARIO, SHORT);
    ScenarioReport two = Scenarios.inPartitions(2).report(SCENARIO, SHORT);
    assertThat(two.reproducible()).isEqualTo(one.reproducible());
    assertThat(two.run(0).engine().get("partitions").asInt()).isEqualTo(2);
  }

  @Test
  void badSecurityKeysAreNamedWithWhatWouldBeRight() {
    assertThatThrownBy(() -> Scenarios.run(
            SCENARIO,
            "groups.intruders.attack=sneaky",
            "groups.server.acl.\"900-999\"=[ops, root]",
            "groups.server.acl.\"950\"=[ops]",
            "groups.staff.credentials.pasword=x",
            "groups.server.rate-limit.rate=0/s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("groups.intruders.attack: 'sneaky' is not one of none, no-credentials, wrong-credentials, flood")
        .hasMessageContaining("groups.server.acl.900-999: no user 'root' among users (ops, staff); declare it as users { root = \"its secret\" }")
        .hasMessageContaining("groups.server.acl.950: overlaps \"900-999\"; each key may be in one range only")
        .hasMessageContaining("groups.staff.credentials.pasword: unknown key")
        .hasMessageContaining("groups.server.rate-limit.rate: a rate must be above 0");
    assertThatThrownBy(() -> Scenarios.run(SCENARIO, "groups.intruders.credentials.user=x"))
        .hasMessageContaining("groups.intruders.credentials: attack = no-credentials sends none; leave credentials out");
    assertThatThrownBy(() -> Scenarios.run(SCENARIO, "groups.server.acl.\"1-x\"=[ops]"))
        .hasMessageContaining("groups.server.acl.1-x: expected a key such as \"42\", a range of keys such as \"0-499\", or \"*\"");
  }
}
