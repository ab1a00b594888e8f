package org.topolab.cost;

import java.util.List;
import org.topolab.settings.Settings;

/**
 * The prices of one group's use, in the scenario's currency.
 *
 * @param nodeHour for each node, per hour of the run
 * @param gbSent per GB (10^9 bytes) the group sends, as cloud egress is priced
 * @param gbReceived per GB the group receives
 * @param setup once, for the whole group
 * @param operator whether the service's operator pays (the other groups are the users' own)
 */
public record GroupPrices(double nodeHour, double gbSent, double gbReceived, double setup, boolean operator) {

  /** Who pays a group's cost: the values of {@code paid-by}. */
  public static final List<String> PAYERS = List.of("operator", "users");

  /** Reads {@code node-hour}, {@code gb-sent}, {@code gb-received}, {@code setup} and {@code paid-by}. */
  static GroupPrices read(Settings in) {
    GroupPrices prices =
        new GroupPrices(
            price(in, "node-hour"),
            price(in, "gb-sent"),
            price(in, "gb-received"),
            price(in, "setup"),
            in.choice("paid-by", "operator", PAYERS).equals("operator"));
    in.finish();
    return prices;
  }

  private static double price(Settings in, String key) {
    double price = in.number(key, 0, -Double.MAX_VALUE, Double.MAX_VALUE);
    if (price < 0) {
      in.problem(key, "a price is 0 or more, in the scenario's currency, such as " + key + " = 0.09");
      return 0;
    }
    return price;
  }
}
