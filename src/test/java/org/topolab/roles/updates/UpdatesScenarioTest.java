package org.topolab.roles.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.topolab.testkit.ScenarioReport;
import org.topolab.testkit.Scenarios;

/** The publisher and subscriber roles as a scenario uses them: split runs, the docs' example, and every kind of bad input. */
class UpdatesScenarioTest {

  /** Push to 30 random nodes of one group that also polls slowly; another group only polls. */
  private static final String PUSH_AND_POLL =
      """
      seed = 9
      duration = 60s
      warmup = 5s
      network.latency = { distribution = uniform, min = 1ms, max = 5ms }
      groups {
        origin {
          role = publisher, link { up = 50Mbps, down = 50Mbps }
          update-size = 20KB, release-interval { distribution = exponential, mean = 8s }
          push-to = pushed, push-count = 30
        }
        pushed { role = subscriber, count = 100, publisher = origin, poll-interval = 30s }
        polling { role = subscriber, count = 200, link { up = 10Mbps, down = 20Mbps }, publisher = origin, poll-interval = 5s }
      }
      """;

  /** A valid subscriber group, for scenarios whose publisher is at fault. */
  private static final String SUBSCRIBERS = "subs { role = subscriber, count = 10, publisher = pub }";

  @Test
  void aRunSplitInTwoPartitionsReportsWhatItReportsInOne() {
    ScenarioReport one = Scenarios.run(PUSH_AND_POLL);
    ScenarioReport two = Scenarios.inPartitions(2).report(PUSH_AND_POLL);
    JsonNode publisher = one.run(0).group("origin").get("publisher");
    assertThat(publisher.get("releases").asLong()).isGreaterThan(2);
    assertThat(publisher.get("pushed-per-update").asInt()).isEqualTo(30);
    assertThat(publisher.get("push-to").asText()).isEqualTo("pushed");
    assertThat(two.run(0).group("origin").get("publisher")).isEqualTo(publisher);
    for (String group : new String[] {"pushed", "polling"}) {
      JsonNode updates = one.run(0).group(group).get("updates");
      assertThat(updates.get("reached").get("100").asInt()).as(group).isPositive();
      assertThat(two.run(0).group(group).get("updates")).as(group).isEqualTo(updates);
    }
  }

  @Test
  void theExampleOfTheDocsRunsAndShowsWhatTheyDescribe() throws IOException {
    String docs = Files.readString(Path.of("docs/updates.md"));
    int start = docs.indexOf("```hocon\n") + "```hocon\n".length();
    ScenarioReport report = Scenarios.run(docs.substring(start, docs.indexOf("```", start)));
    JsonNode publisher = report.run(0).group("origin").get("publisher");
    assertThat(publisher.get("releases").asInt()).isEqualTo(5);
    // 500 polls every 5 s and 500 every 30 s, over the 110 s window.
    assertThat(publisher.get("polls").asDouble() / 110).isCloseTo(500 / 5.0 + 500 / 30.0, within(1.0));
    JsonNode pushed = report.run(0).group("pushed").get("updates");
    double push = publisher.get("theory").get("push-s").asDouble();
    assertThat(pushed.get("coverage-s").get("100").asDouble() / push).isBetween(1.0, 1.03);
    // The 5 s pollers wait for the pushes on the uplink: well beyond their interval alone.
    JsonNode fast = report.run(0).group("polling-5s").get("updates");
    assertThat(fast.get("coverage-s").get("99").asDouble()).isGreaterThan(fast.get("theory").get("coverage-s").get("99").asDouble() + 3);
    // The 30 s pollers skip versions released every 20 s.
    JsonNode slow = report.run(0).group("polling-30s").get("updates");
    assertThat(slow.get("deliveries").asInt()).isLessThan(slow.get("nodes").asInt() * slow.get("released").asInt());
  }

  /** The problems of a scenario with these groups, as the exception lists them. */
  private static String problems(String groups) {
    String scenario = "duration = 60s\ngroups {\n" + groups + "\n}\n";
    try {
      Scenarios.run(scenario);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("the scenario was accepted:\n" + scenario);
  }

  @Test
  void aSubscriberNeedsAPublisherGroupAndAPollIntervalOfAtLeastAMillisecond() {
    assertThat(problems("pub { role = publisher, release-times = [1s] }\nsubs { role = subscriber }"))
        .contains("scenario:4: groups.subs.publisher: is required: the group of role publisher whose versions these nodes follow");
    assertThat(problems("pub { role = publisher, release-times = [1s] }\nsubs { role = subscriber, publisher = subs }"))
        .contains("groups.subs.publisher: group 'subs' has role subscriber; expected a group of role publisher");
    assertThat(problems("pub { role = publisher, release-times = [1s] }\nsubs { role = subscriber, publisher = pub, poll-interval = 0 }"))
        .contains("groups.subs.poll-interval: must be at least 1ms");
  }

  @Test
  void aPublisherNeedsExactlyOneWayOfReleasing() {
    assertThat(problems("pub { role = publisher }\n" + SUBSCRIBERS))
        .contains(
            "scenario:3: groups.pub.release-times: a publisher needs release-times = [1s, 11s, 30s], or release-interval = 10s"
                + " (or a distribution such as { distribution = exponential, mean = 10s })");
    assertThat(problems("pub { role = publisher, release-times = [1s], release-interval = 10s }\n" + SUBSCRIBERS))
        .contains(
            "groups.pub.release-interval: give either release-times (a list of times)"
                + " or release-interval (a period or a distribution), not both");
    assertThat(problems("pub { role = publisher, release-times = [1s], first-release = 2s, releases = 3 }\n" + SUBSCRIBERS))
        .contains("groups.pub.first-release: goes with release-interval; release-times already lists every release")
        .contains("groups.pub.releases: goes with release-interval; release-times already lists every release");
    assertThat(problems("pub { role = publisher, release-interval = 0 }\n" + SUBSCRIBERS))
        .contains("groups.pub.release-interval: must be above 0 on average, or every version would be released at the same instant");
    assertThat(problems("pub { role = publisher, release-interval = 10s, releases = 0 }\n" + SUBSCRIBERS))
        .contains("groups.pub.releases: 0 is out of range; expected a whole number of at least 1");
  }

  @Test
  void releaseTimesAreAnIncreasingListOfDurationsWithinTheWorkload() {
    assertThat(problems("pub { role = publisher, release-times = 1s }\n" + SUBSCRIBERS))
        .contains("groups.pub.release-times: expected a list of one or more durations such as [1s, 11s, 30s], found '1s'");
    assertThat(problems("pub { role = publisher, release-times = [] }\n" + SUBSCRIBERS))
        .contains("groups.pub.release-times: expected a list of one or more durations such as [1s, 11s, 30s], found a list of 0");
    assertThat(problems("pub { role = publisher, release-times = [1s, 5] }\n" + SUBSCRIBERS))
        .contains("groups.pub.release-times: entry 2: '5' has no unit; expected a duration such as 20ms");
    assertThat(problems("pub { role = publisher, release-times = [1s, 11s, 5s] }\n" + SUBSCRIBERS))
        .contains("groups.pub.release-times: the times must increase, but entry 3 (5s) is not after the one before");
    assertThat(problems("pub { role = publisher, release-times = [1s, 60s] }\n" + SUBSCRIBERS))
        .contains("groups.pub.release-times: entry 2 (60s) is not before the end of the workload (duration = 60.0 s)");
  }

  @Test
  void pushToNamesAReceivingGroupAndPushCountIsAllOrAWholeNumberUpToItsSize() {
    String publisher = "pub { role = publisher, release-times = [1s], %s }\n" + SUBSCRIBERS;
    assertThat(problems(publisher.formatted("push-to = subs, push-count = 0")))
        .contains("groups.pub.push-count: expected all, or a whole number from 1 to 10 (the nodes of group 'subs'); found 0");
    assertThat(problems(publisher.formatted("push-to = subs, push-count = 11")))
        .contains("groups.pub.push-count: expected all, or a whole number from 1 to 10 (the nodes of group 'subs'); found 11");
    assertThat(problems(publisher.formatted("push-to = subs, push-count = some")))
        .contains("groups.pub.push-count: expected all, or a whole number from 1 to 10 (the nodes of group 'subs'); found 'some'");
    assertThat(problems(publisher.formatted("push-count = 3")))
        .contains("groups.pub.push-count: goes with push-to, the group that new versions are pushed to");
    assertThat(problems(publisher.formatted("push-to = pub")))
        .contains("groups.pub.push-to: group 'pub' has role publisher; expected a group of role subscriber or gossip");
    assertThat(problems(publisher.formatted("push-to = nobody")))
        .contains("groups.pub.push-to: there is no group 'nobody'");
  }

  @Test
  void aPublisherGroupHasOneNode() {
    assertThat(problems("pub { role = publisher, count = 2, release-times = [1s] }\n" + SUBSCRIBERS))
        .contains("groups.pub.count: a publisher group has exactly one node, which numbers the versions; found 2");
  }

  @Test
  void allAndTheDefaultPushToEveryNode() {
    String scenario =
        """
        duration = 20s
        groups {
          pub { role = publisher, release-times = [1s, 2s], push-to = subs %s }
          subs { role = subscriber, count = 7, publisher = pub }
        }
        """;
    for (String count : new String[] {", push-count = all", ""}) {
      JsonNode publisher = Scenarios.run(scenario.formatted(count)).run(0).group("pub").get("publisher");
      assertThat(publisher.get("pushed-per-update").asInt()).as(count).isEqualTo(7);
      assertThat(publisher.get("messages-sent").asInt()).as(count).isEqualTo(14);
      assertThat(publisher.get("theory").get("push-s").isNull()).as(count).isFalse();
    }
  }
}
