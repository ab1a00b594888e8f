package org.topolab.roles.clientserver;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.HashMap;
import org.topolab.settings.Settings;

/**
 * A token bucket per client: each client may send {@code burst} requests at once, and then {@code
 * rate} a second. Kept in whole nanoseconds of credit (a request costs one interval, 1/rate), so
 * that it counts exactly.
 */
final class RateLimiter {

  /**
   * A rate limit.
   *
   * @param rate requests a second that a client may keep up
   * @param burst requests a client may send at once, after a pause
   */
  record Limit(double rate, int burst) {

    /** Reads {@code rate-limit { rate, burst }}; null if it is absent or {@code off}. */
    static Limit read(Settings in) {
      ConfigValue value = in.raw("rate-limit");
      if (value == null || value.valueType() == ConfigValueType.NULL || "off".equals(value.unwrapped())) {
        return null;
      }
      if (value.valueType() != ConfigValueType.OBJECT) {
        in.problem("rate-limit", "expected rate-limit { rate = 20/s, burst = 10 }, or off; found " + Settings.describe(value));
        return null;
      }
      Settings limit = in.object("rate-limit");
      double rate = limit.rate("rate", Double.NaN);
      int burst = limit.integer("burst", (int) Math.min(1_000_000, Math.ceil(rate)), 1, 1_000_000);
      limit.finish();
      return new Limit(rate, burst);
    }
  }

  /** How full one client's bucket was, in nanoseconds of credit, when last seen. */
  private static final class Bucket {
    long credit;
    long at;

    Bucket(long credit, long at) {
      this.credit = credit;
      this.at = at;
    }
  }

  private final long interval;
  private final long capacity;
  private final HashMap<Integer, Bucket> buckets = new HashMap<>();

  RateLimiter(Limit limit) {
    this.interval = Math.max(1, Math.round(1e9 / limit.rate()));
    this.capacity = (long) Math.min(Long.MAX_VALUE / 2.0, (double) limit.burst() * interval);
  }

  /** Whether {@code client} may send a request at {@code now}; if so, it takes a token. A new client's bucket is full. */
  boolean admits(int client, long now) {
    Bucket bucket = buckets.get(client);
    if (bucket == null) {
      bucket = new Bucket(capacity, now);
      buckets.put(client, bucket);
    }
    long credit = Math.min(capacity, bucket.credit + (now - bucket.at));
    bucket.at = now;
    boolean admitted = credit >= interval;
    bucket.credit = admitted ? credit - interval : credit;
    return admitted;
  }
}
