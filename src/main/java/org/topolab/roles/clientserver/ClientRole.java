package org.topolab.roles.clientserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
 * (closed loop), {@code request-size}, {@code response-size}, {@code timeout}, {@code retry}, {@code keys},
 * and for security {@code credentials} and {@code attack} (docs/security.md).
 */
public final class ClientRole implements Role {

  private static final List<String> ARRIVALS = arrivals();

  /** A flood's requests when its arrival is not given: Poisson, 1000 a second per node. */
  private static final Distribution FLOOD_ARRIVAL = new Distribution.Exponential(1e6);

  @Override
  public String name() {
    return "client";
  }

  @Override
  public GroupModel<?> configure(GroupSettings group) {
    Settings in = group.settings();
    GroupInfo target = in.group("target", List.of("server", "load-balancer"));
    Attack attack = Attack.valueOf(
        in.choice("attack", "none", Arrays.stream(Attack.values()).map(Attack::key).toList()).toUpperCase(Locale.ROOT).replace('-', '_'));
    Credentials credentials = credentials(in, attack, group.group().name());
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
    if (attack == Attack.FLOOD && !in.has("arrival")) {
      if (thinkTime != null) {
        in.problem("think-time", "a flood does not wait for answers; give arrival { distribution = poisson, rate = 1000/s }, or leave it out for that");
      }
      interval = FLOOD_ARRIVAL;
      thinkTime = null;
    } else if (in.has("arrival") == in.has("think-time")) {
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
            randomPhase,
            credentials,
            attack);
    String name = group.group().name();
    return new GroupModel<ClientMetrics>() {
      @Override
      public ClientMetrics newMetrics() {
        return new ClientMetrics(group.window(), group.faults());
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
        if (attack != Attack.NONE || credentials != null) {
          ObjectNode security = out.putObject("security");
          security.put("attack", attack.key());
          security.put("user", credentials == null ? null : credentials.user());
        }
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

  /**
   * Reads {@code credentials { user, secret }}. An attacker that guesses secrets claims the user
   * given, or by default its group's name; one that sends no credentials takes none.
   */
  private static Credentials credentials(Settings in, Attack attack, String group) {
    if (!in.has("credentials")) {
      return attack == Attack.WRONG_CREDENTIALS ? new Credentials(group, null) : null;
    }
    if (attack == Attack.NO_CREDENTIALS) {
      in.problem("credentials", "attack = no-credentials sends none; leave credentials out");
      return null;
    }
    Settings given = in.object("credentials");
    boolean guesses = attack == Attack.WRONG_CREDENTIALS;
    Credentials read = new Credentials(given.string("user", guesses ? group : null), guesses ? null : given.string("secret", null));
    if (guesses && given.has("secret")) {
      given.problem("secret", "attack = wrong-credentials guesses the secret; give only the user it claims to be");
    }
    given.finish();
    return read;
  }

  private static List<String> arrivals() {
    List<String> names = new ArrayList<>(List.of("poisson"));
    names.addAll(Settings.DISTRIBUTIONS);
    return List.copyOf(names);
  }
}
