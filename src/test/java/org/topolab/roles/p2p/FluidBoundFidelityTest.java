package org.topolab.roles.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topolab.cli.Main;

/**
 * Measured distribution times against the fluid bound, in five regimes, for both models: each
 * scenario runs a client-server base and a peer-to-peer variant over the same links, in virtual
 * time. Client-server must come within 3% of its bound, peer-to-peer within 10%.
 */
class FluidBoundFidelityTest {

  @TempDir Path dir;

  /** The slow server uplink is the bottleneck of both models. */
  @Test
  void serverLimited() throws Exception {
    JsonNode report = run("server-limited", 10, "20Mbps", "50Mbps", "100Mbps");
    // N·F/u_s = 10 · 320 Mbit / 20 Mbps; F/u_s = 320 Mbit / 20 Mbps.
    assertWithin(report, "default", 0.03, 160);
    assertWithin(report, "peer-to-peer", 0.10, 16);
  }

  /** The receivers' downlinks are the bottleneck of both models. */
  @Test
  void downloadLimited() throws Exception {
    JsonNode report = run("download-limited", 10, "1Gbps", "20Mbps", "10Mbps");
    // F/d_min = 320 Mbit / 10 Mbps for both (N·F/u_s is 3.2 s; N·F/(u_s + Σu_i) is 2.7 s).
    assertWithin(report, "default", 0.03, 32);
    assertWithin(report, "peer-to-peer", 0.10, 32);
  }

  /** The peers' uplinks are the bottleneck of the swarm; client-server is limited by the server here. */
  @Test
  void peerUploadLimited() throws Exception {
    JsonNode report = run("peer-upload-limited", 50, "50Mbps", "5Mbps", "100Mbps");
    // N·F/u_s = 50 · 320 Mbit / 50 Mbps; N·F/(u_s + Σu_i) = 50 · 320 Mbit / (50 + 50 · 5) Mbps.
    assertWithin(report, "default", 0.03, 320);
    assertWithin(report, "peer-to-peer", 0.10, 50 * 320.0 / 300);
  }

  /**
   * The swarm: 100 peers, a 100 MB file from a 30 Mbps origin, latency 10 to 60 ms, the
   * peers' uplinks the bottleneck and their downlinks slow (700 kbps up, 2 Mbps down). The
   * receivers must not finish unevenly: the bound has them all finish together.
   */
  @Test
  void peerUploadLimitedWithSlowDownlinks() throws Exception {
    JsonNode report = run("upload-slow-down", 100, "30Mbps", "700kbps", "2Mbps", "100MB", "256KiB", "10ms", "60ms");
    // N·F/u_s = 100 · 800 Mbit / 30 Mbps; N·F/(u_s + Σu_i) = 100 · 800 Mbit / (30 + 100 · 0.7) Mbps.
    assertWithin(report, "default", 0.03, 100 * 800 / 30.0);
    assertWithin(report, "peer-to-peer", 0.10, 800);
  }

  /**
   * The swarm with the downlinks the bottleneck (2 Mbps up and down): every peer must
   * receive at its full downlink from the start, so a duplicate chunk or a late start costs directly.
   */
  @Test
  void downloadLimitedWithEqualLinks() throws Exception {
    JsonNode report = run("download-equal-links", 100, "30Mbps", "2Mbps", "2Mbps", "100MB", "256KiB", "10ms", "60ms");
    // F/d_min = 800 Mbit / 2 Mbps (N·F/(u_s + Σu_i) is 100 · 800 / 230 = 348 s).
    assertWithin(report, "default", 0.03, 100 * 800 / 30.0);
    assertWithin(report, "peer-to-peer", 0.10, 400);
  }

  private JsonNode run(String name, int receivers, String serverUp, String peerUp, String peerDown) throws Exception {
    return run(name, receivers, serverUp, peerUp, peerDown, "40MB", "128KiB", "1ms", "5ms");
  }

  private JsonNode run(
      String name, int receivers, String serverUp, String peerUp, String peerDown, String fileSize, String chunkSize, String minLatency,
      String maxLatency)
      throws Exception {
    String scenario =
        """
        name = "%s"
        seed = 7
        duration = 3000s
        network.latency = { distribution = uniform, min = %s, max = %s }
        groups {
          server { role = file-server, link { up = %s, down = 1Gbps }, file-size = %s, chunk-size = %s }
          receivers {
            role = downloader, count = %d, link { up = %s, down = %s }
            source = server
          }
        }
        variants.peer-to-peer.groups {
          tracker { role = tracker }
          receivers {
            role = peer, count = %d, link { up = %s, down = %s }
            source = server, tracker = tracker
          }
        }
        """
            .formatted(name, minLatency, maxLatency, serverUp, fileSize, chunkSize, receivers, peerUp, peerDown, receivers, peerUp, peerDown);
    Path file = dir.resolve(name + ".conf");
    Files.writeString(file, scenario);
    Path out = dir.resolve(name);
    StringWriter errors = new StringWriter();
    int code =
        Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(errors), "run", file.toString(), "--out", out.toString());
    assertThat(code).as(errors.toString()).isZero();
    return new ObjectMapper().readTree(out.resolve("report.json").toFile());
  }

  /** The variant's receivers all completed, its reported bound is {@code bound}, and it came within {@code tolerance}. */
  private static void assertWithin(JsonNode report, String variant, double tolerance, double bound) {
    JsonNode downloads = null;
    for (JsonNode run : report.get("runs")) {
      if (run.get("variant").asText().equals(variant)) {
        downloads = run.get("groups").get("receivers").get("downloads");
      }
    }
    assertThat(downloads).as(variant).isNotNull();
    assertThat(downloads.get("incomplete").asInt()).as(variant + " incomplete").isZero();
    assertThat(downloads.get("bound-s").asDouble()).as(variant + " bound").isCloseTo(bound, Offset.offset(1e-3));
    double measured = downloads.get("time-s").get("max").asDouble();
    assertThat(downloads.get("ratio-to-bound").asDouble()).isCloseTo(measured / bound, Offset.offset(1e-3));
    assertThat(measured / bound).as(variant + " measured/bound").isBetween(1.0, 1.0 + tolerance);
  }
}
