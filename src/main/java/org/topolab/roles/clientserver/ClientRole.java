package org.topolab.roles.clientserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.topolab.distribution.Distribution;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;
import org.topolab.role.GroupModel;
import org.topolab.role.GroupSettings;
import org.topolab.role.Role;
import org.topolab.role.SummaryRow;
import org.topolab.settings.Settings;

/**
 * The {@code client} role: keys {@code target}, {@code arrival} (open loop) or {@code think-time}
 * (closed loop), {@code request-size}, {@code response-size}, {@code timeout}, {@code retry}, {@code keys}.
 */
public final class ClientRole implements Role {

  private static final List<String> ARRIVALS = arrivals();

  @Override
  public String name() {
    return "client";
  }

  @Override
  public GroupModel<?> configure(GroupSettings group) {
    Settings in = group.settings();
    GroupInfo target = in.group("target", List.of("server", "load-balancer"));
    Distribution interval = null;
    boolean randomPhase = true;
    if (in.has("arrival") && in.raw("arrival").valueType() != ConfigValueType.OBJECT) {
      // A plain duration: a request every so often, like any other distribution's constant.
      interval = in.distribution("arrival", Settings.Quantity.DURATION, null);
    } else if (in.has("arrival")) {
      Settings arrival = in.object("arrival");
      String kind = arrival.choice("distribution", null, ARRIVALS);
      if ("poisson".equals(kind) || ("constant".equals(kind) && arrival.has("rate"))) {
        double rate = arrival.rate("rate", Double.NaN);
        interval = kind.equals("poisson") ? new Distribution.Exponential(1e9 / rate) : new Distribution.Constant(1e9 / rate);
        // Poisson arrivals are memoryless: the first gap is already a random phase.
        randomPhase = kind.equals("constant");
        arrival.finish();
      } else if (kind != null) {
        // Any other distribution gives the gap between requests directly.
        interval = in.distribution("arrival", Settings.Quantity.DURATION, null);
      }
    }
    Distribution thinkTime = in.has("think-time") ? in.distribution("think-time", Settings.Quantity.DURATION, null) : null;
    if (in.has("arrival") == in.has("think-time")) {
      in.problem(
          in.has("arrival") ? "think-time" : "arrival",
          in.has("arrival")
              ? "give either arrival (open loop) or think-time (closed loop), not both"
              : "a client needs arrival { distribution = poisson, rate = 2/s } (open loop) or think-time = 1s (closed loop)");
    }
    long timeout = in.duration("timeout", 5_000_000_000L, 1);
    Client.Retry retry = retry(in);
    Client.Spec spec =
        new Client.Spec(
            target,
            interval,
            thinkTime,
            in.size("request-size", 1024L),
            in.size("response-size", 0L),
            timeout,
            retry,
            in.integer("keys", 1000L, 1, Long.MAX_VALUE),
            randomPhase);
    String name = group.group().name();
    return new GroupModel<ClientMetrics>() {
      @Override
      public ClientMetrics newMetrics() {
        return new ClientMetrics(group.window());
      }

      @Override
      public Behavior<?> createNode(NodeContext node, ClientMetrics metrics) {
        return Client.create(node, spec, metrics);
      }

      @Override
      public long drainNanos() {
        return retry.longestNanos(timeout);
      }

      @Override
      public void report(ObjectNode out, ClientMetrics metrics) {
        out.put("target", target == null ? null : target.name());
        metrics.write(out);
      }

      @Override
      public void summarize(SummaryRow row, ClientMetrics metrics) {
        metrics.summarize(name, row);
      }
    };
  }

  /**
   * Reads {@code retry { attempts, backoff, jitter }}: by default a request is sent once; with more
   * attempts, the first resend waits 100 ms, and each wait has a random part taken off it (full
   * jitter).
   */
  private static Client.Retry retry(Settings in) {
    Settings retry = in.object("retry");
    Client.Retry read =
        new Client.Retry(
            retry.integer("attempts", 1, 1, 20),
            retry.duration("backoff", 100_000_000L, 0),
            retry.number("jitter", 1, 0, 1));
    retry.finish();
    return read;
  }

  private static List<String> arrivals() {
    List<String> names = new ArrayList<>(List.of("poisson"));
    names.addAll(Settings.DISTRIBUTIONS);
    return List.copyOf(names);
  }
}
