package org.topolab.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small helpers for writing report values: rounded, in the units the report promises. */
public final class Json {

  /** The mapper every report node comes from. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** A new, empty object. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Nanoseconds as milliseconds, to the microsecond. */
  public static double millis(double nanos) {
    return round(nanos / 1e6, 3);
  }

  /** Nanoseconds as seconds, to the microsecond. */
  public static double seconds(double nanos) {
    return round(nanos / 1e9, 6);
  }

  /** {@code value} to {@code digits} decimals. */
  public static double round(double value, int digits) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return value;
    }
    return java.math.BigDecimal.valueOf(value).setScale(digits, java.math.RoundingMode.HALF_EVEN).doubleValue();
  }

  /** An array of {@code values}, each to {@code digits} decimals. */
  public static ArrayNode array(double[] values, int digits) {
    ArrayNode array = MAPPER.createArrayNode();
    for (double value : values) {
      array.add(round(value, digits));
    }
    return array;
  }
}
