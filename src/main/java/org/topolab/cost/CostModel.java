package org.topolab.cost;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.topolab.settings.Names;
import org.topolab.settings.Problems;
import org.topolab.settings.Settings;

/**
 * A scenario's {@code cost} block: a currency and the prices of each group that costs something.
 * Groups it does not price cost nothing and count as the users' own.
 *
 * @param currency what the prices are in, as the report names it
 * @param prices by group name, in the order written
 */
public record CostModel(String currency, Map<String, GroupPrices> prices) {

  /** The block under {@code cost}, or null if the scenario has none. */
  public static CostModel read(Settings top) {
    if (!top.has("cost")) {
      top.raw("cost");
      return null;
    }
    Settings cost = top.object("cost");
    String currency = cost.string("currency", "USD");
    Settings groups = cost.object("groups");
    Map<String, GroupPrices> prices = new LinkedHashMap<>();
    for (String group : groups.keys()) {
      prices.put(group, GroupPrices.read(groups.object(group)));
    }
    if (prices.isEmpty()) {
      cost.problem("groups", "price at least one group, such as groups { server { node-hour = 0.10, gb-sent = 0.09 } }");
    }
    groups.finish();
    cost.finish();
    return new CostModel(currency, prices);
  }

  /**
   * Records a problem for each priced group that is in no run of the experiment. A group that only
   * some variants have is fine: the runs without it simply have nothing to price there.
   */
  public static void checkGroups(List<Config> runs, Problems problems) {
    Set<String> groups = new TreeSet<>();
    for (Config run : runs) {
      if (run.hasPath("groups") && run.getValue("groups") instanceof ConfigObject object) {
        object.forEach((name, value) -> {
          if (value.valueType() != ConfigValueType.NULL) {
            groups.add(name);
          }
        });
      }
    }
    Set<String> reported = new TreeSet<>();
    for (Config run : runs) {
      if (!run.hasPath("cost.groups") || !(run.getValue("cost.groups") instanceof ConfigObject priced)) {
        continue;
      }
      for (Map.Entry<String, ConfigValue> entry : priced.entrySet()) {
        String name = entry.getKey();
        if (!groups.contains(name) && reported.add(name)) {
          problems.add(entry.getValue().origin(), "cost.groups." + name,
              "there is no group '" + name + "' in any run" + Names.hint(name, groups) + " (groups: " + String.join(", ", groups) + ")");
        }
      }
    }
  }
}
