package org.topolab.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.topolab.role.SummaryRow;

/**
 * What one run cost, worked out from what its report already says: each group's node count and
 * bytes, the run's simulated length and the requests served. Reading it from report.json's own
 * fields is deliberate: anyone can redo the sum by hand from the report.
 */
public final class RunCost {

  private static final double GB = 1e9;
  private static final double HOUR = 3600;

  private final CostModel model;
  private final ObjectNode byGroup;
  private double operator;
  private double users;
  private long usersBytesReceived;
  private long requestsServed;
  private boolean servesRequests;

  private RunCost(CostModel model, ObjectNode byGroup) {
    this.model = model;
    this.byGroup = byGroup;
  }

  /**
   * Adds {@code cost} to {@code run}, a run's entry of report.json with its groups and engine
   * already written; nothing if {@code model} is null.
   */
  public static void write(CostModel model, ObjectNode run) {
    if (model == null) {
      return;
    }
    ObjectNode cost = run.putObject("cost");
    cost.put("currency", model.currency());
    RunCost sum = new RunCost(model, cost.putObject("by-group"));
    double hours = run.path("engine").path("simulated-seconds").asDouble() / HOUR;
    Iterator<Map.Entry<String, JsonNode>> groups = run.path("groups").fields();
    while (groups.hasNext()) {
      Map.Entry<String, JsonNode> group = groups.next();
      sum.add(group.getKey(), group.getValue(), hours);
    }
    double total = sum.operator + sum.users;
    cost.put("hours", money(hours));
    cost.put("total", money(total));
    cost.put("operator", money(sum.operator));
    cost.put("users", money(sum.users));
    cost.put("gb-delivered", money(sum.usersBytesReceived / GB));
    cost.put("per-gb-delivered", sum.usersBytesReceived == 0 ? null : money(total / (sum.usersBytesReceived / GB)));
    if (sum.servesRequests) {
      cost.put("requests-served", sum.requestsServed);
      cost.put("per-request-served", sum.requestsServed == 0 ? null : money(total / sum.requestsServed));
    }
    // by-group goes last: the totals are what a reader looks for first.
    cost.set("by-group", cost.remove("by-group"));
  }

  private void add(String name, JsonNode group, double hours) {
    GroupPrices prices = model.prices().get(name);
    boolean operatorPays = prices != null && prices.operator();
    long sent = group.path("bytes-sent").asLong();
    long received = group.path("bytes-received").asLong();
    JsonNode ok = group.path("requests").path("ok");
    if (ok.isNumber()) {
      servesRequests = true;
      requestsServed += ok.asLong();
    }
    if (!operatorPays) {
      usersBytesReceived += received;
    }
    if (prices == null) {
      return; // nothing priced: the users' own machines, at no cost to anyone in this model
    }
    double machines = group.path("count").asLong() * hours * prices.nodeHour();
    double traffic = sent / GB * prices.gbSent() + received / GB * prices.gbReceived();
    double cost = machines + traffic + prices.setup();
    ObjectNode entry = byGroup.putObject(name);
    entry.put("paid-by", operatorPays ? "operator" : "users");
    entry.put("machines", money(machines));
    entry.put("traffic", money(traffic));
    entry.put("setup", money(prices.setup()));
    entry.put("total", money(cost));
    if (operatorPays) {
      operator += cost;
    } else {
      users += cost;
    }
  }

  /** Puts {@code run}'s cost, if it has one, into its console row: the total, the operator's and the users' shares. */
  public static void summarize(JsonNode run, SummaryRow row) {
    JsonNode cost = run.path("cost");
    if (cost.isMissingNode()) {
      return;
    }
    String unit = " " + cost.path("currency").asText();
    row.putHeadline("cost" + unit, format(cost.path("total").asDouble()));
    row.put("operator" + unit, format(cost.path("operator").asDouble()));
    row.put("users" + unit, format(cost.path("users").asDouble()));
  }

  /** Six significant digits: a cent of a large run and a millionth of a cent per request both show. */
  private static double money(double value) {
    return value == 0 || !Double.isFinite(value) ? value : new BigDecimal(value).round(new MathContext(6)).doubleValue();
  }

  /** An amount as the console and the page show it: whole above 100, cents above 1, else four significant digits. */
  public static String format(double value) {
    return value >= 100 ? String.format(Locale.ROOT, "%.0f", value)
        : value >= 1 ? String.format(Locale.ROOT, "%.2f", value) : String.format(Locale.ROOT, "%.4g", value);
  }
}
