package org.topolab.roles.p2p;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.topolab.distribution.Distribution;
import org.topolab.node.GroupInfo;
import org.topolab.role.GroupModel;
import org.topolab.role.GroupSettings;
import org.topolab.role.Role;
import org.topolab.settings.Settings;
import org.topolab.settings.Units;

/**
 * The {@code peer} role: keys {@code tracker}, {@code source}, {@code file}, {@code neighbours},
 * {@code announce-interval}, {@code requests-in-flight}, {@code upload-slots}, {@code tit-for-tat}, {@code rechoke-interval},
 * {@code retry}, {@code seed-time}, {@code start}, and for security {@code verify-chunks}, {@code malicious}
 * and {@code malicious-fraction} (docs/security.md).
 */
public final class PeerRole implements Role {

  @Override
  public String name() {
    return "peer";
  }

  @Override
  public GroupModel<?> configure(GroupSettings group) {
    Settings in = group.settings();
    GroupInfo tracker = in.group("tracker", List.of("tracker"));
    GroupInfo source = in.group("source", List.of("file-server"));
    Peer.Spec spec =
        new Peer.Spec(
            tracker,
            source,
            in.string("file", ""),
            in.integer("neighbours", 10, 1, 100_000),
            in.duration("announce-interval", 10_000_000_000L, 1_000_000),
            in.integer("requests-in-flight", 32, 1, 1_000_000),
            uploading(in, true),
            Timeouts.Policy.read(in),
            seedTime(in),
            in.distribution("start", Settings.Quantity.DURATION, new Distribution.Constant(0)),
            in.choice("verify-chunks", "on", List.of("on", "off")).equals("on"),
            malicious(in));
    GroupInfo peers = group.group();
    SwarmSecurity.Policy security =
        new SwarmSecurity.Policy(spec.verifyChunks(), spec.malicious().malice(), spec.malicious().count(peers.count()));
    FluidBound bound = FluidBound.of(peers, source, true, spec.start());
    return DownloaderRole.downloadGroup(
        peers.name(),
        () -> new DownloadMetrics(group.window(), peers.count(), bound),
        (node, metrics) -> Peer.create(node, spec, metrics, metrics.uploaded()),
        security);
  }

  /** Reads {@code malicious} ({@code none}, {@code corrupt}, {@code lie}, {@code drop}) and {@code malicious-fraction} (0 to 1, by default 1). */
  private static Malice.Share malicious(Settings in) {
    List<String> kinds = Arrays.stream(Malice.values()).map(Malice::key).toList();
    Malice malice = Malice.valueOf(in.choice("malicious", "none", kinds).toUpperCase(Locale.ROOT));
    double fraction = in.number("malicious-fraction", 1, 0, 1);
    if (malice == Malice.NONE && in.has("malicious-fraction")) {
      in.problem("malicious-fraction", "says how many peers misbehave; give malicious = corrupt, lie or drop too");
    }
    return malice == Malice.NONE ? Malice.Share.NONE : new Malice.Share(malice, fraction);
  }

  /**
   * Reads {@code upload-slots} (a number or {@code unlimited}), {@code rechoke-interval} and, for a
   * peer, {@code tit-for-tat}. A peer unchokes 8 neighbours unless told otherwise; a file server,
   * which only ever gives, serves every interested neighbour.
   */
  static Uploader.Policy uploading(Settings in, boolean peer) {
    int slots = peer ? 8 : Integer.MAX_VALUE;
    if (in.has("upload-slots")) {
      ConfigValue value = in.raw("upload-slots");
      if (value.valueType() == ConfigValueType.NUMBER) {
        slots = in.integer("upload-slots", slots, 1, 1_000_000);
      } else if ("unlimited".equals(value.unwrapped())) {
        slots = Integer.MAX_VALUE;
      } else {
        in.problem("upload-slots", "expected a whole number such as 4, or unlimited; found " + Settings.describe(value));
      }
    }
    long rechoke = in.duration("rechoke-interval", 10_000_000_000L, 1_000_000);
    boolean tft = peer && in.choice("tit-for-tat", "off", List.of("on", "off")).equals("on");
    return new Uploader.Policy(slots, tft, rechoke);
  }

  /** {@code seed-time}: a duration, or {@code forever} (returned as -1). */
  private static long seedTime(Settings in) {
    String text = in.string("seed-time", "forever");
    if (text.equals("forever")) {
      return -1;
    }
    try {
      return Units.duration(text);
    } catch (IllegalArgumentException e) {
      in.problem("seed-time", e.getMessage() + ", or forever");
      return -1;
    }
  }
}
