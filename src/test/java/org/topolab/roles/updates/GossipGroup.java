package org.topolab.roles.updates;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.topolab.network.NetMessage;
import org.topolab.testkit.Arrival;
import org.topolab.testkit.NodeProbe;
import org.topolab.testkit.NodeTestKit;

/**
 * A gossip group of a scenario, run in the test kit, with a probe as the source of versions: the
 * probe hands each version to one node, as a publisher with {@code push-count = 1} would, and can
 * ask every node which version it has.
 */
final class GossipGroup implements AutoCloseable {

  static final String GROUP = "peers";
  private static final long UPDATE_BYTES = 1024;

  private final NodeTestKit kit;
  private final NodeProbe source;
  private final int sourceId;
  private long[] releases = new long[0];

  /**
   * {@code nodes} gossip nodes with the keys {@code keys} (HOCON, as in a scenario), a 1 ms network
   * and {@code seed}; the source is a group of its own, so the gossip group's N is {@code nodes}.
   */
  GossipGroup(int nodes, String keys, long seed) {
    String scenario =
        """
        seed = %d
        duration = 100000s
        network.latency = 1ms
        groups {
          # Only an id for the probe that hands out versions: its role plays no part.
          source { role = server, service-time = 1ms }
          %s { role = gossip, count = %d, %s }
        }
        """
            .formatted(seed, GROUP, nodes, keys);
    kit = NodeTestKit.forScenario(scenario);
    kit.spawnGroup(GROUP);
    sourceId = kit.id("source", 0);
    source = kit.probe(sourceId);
  }

  NodeTestKit kit() {
    return kit;
  }

  /** The id of the group's {@code index}-th node. */
  int node(int index) {
    return kit.id(GROUP, index);
  }

  /** How many nodes the group has. */
  int size() {
    return kit.group(GROUP).count();
  }

  /** Releases the next version now and hands it to the group's {@code index}-th node; returns the version. */
  int release(int index) {
    releases = Arrays.copyOf(releases, releases.length + 1);
    releases[releases.length - 1] = kit.now();
    int version = releases.length;
    kit.send(sourceId, node(index), new Update(sourceId, version, releases.clone(), UPDATE_BYTES));
    return version;
  }

  /**
   * Releases {@code versions} versions one after the other, each handed to a node drawn with
   * {@code seed}, just after a round boundary (10 ms after a whole second, once the round's
   * exchanges are over) and once the one before has reached every node or {@code limit} seconds
   * have passed; then waits for the last one in the same way.
   */
  void releaseInTurn(int versions, double limit, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int v = 1; v <= versions; v++) {
      advanceTo(Math.ceil(kit.now() / 1e9) + 0.01);
      release(random.nextInt(size()));
      double deadline = kit.now() / 1e9 + limit;
      while (updates().get("reached").get("100").asInt() < v && kit.now() / 1e9 < deadline) {
        kit.advance(Duration.ofSeconds(1));
      }
    }
  }

  /** Runs simulated time until {@code seconds} after the kit started. */
  void advanceTo(double seconds) {
    kit.advanceNanos(Math.round(seconds * 1e9) - kit.now());
  }

  /**
   * How many nodes have version {@code version} or a later one, asked with an anti-entropy digest
   * of version 0, which every node that has a version answers with it. Takes 10 ms of simulated
   * time; the round timers must not fire in it.
   */
  int holders(int version) {
    for (int i = 0; i < size(); i++) {
      kit.send(sourceId, node(i), new Digest(sourceId, 0, Digest.Kind.SYNC));
    }
    kit.advance(Duration.ofMillis(10));
    int count = 0;
    for (Arrival<NetMessage> arrival : source.receivedSoFar()) {
      if (arrival.message() instanceof Update update && update.version() >= version) {
        count++;
      }
    }
    return count;
  }

  /** The group's {@code updates} object in report.json, as measured so far. */
  JsonNode updates() {
    return kit.report(GROUP).get("updates");
  }

  @Override
  public void close() {
    kit.close();
  }
}
