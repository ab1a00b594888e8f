package org.topolab.scenario;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import org.topolab.settings.Settings;

/**
 * A run's resolved configuration as HOCON text that keeps the order of the scenario's keys: one
 * key a line, in the order the file wrote them. Read back from a file, it gives the same groups
 * in the same order, hence the same node ids, which is what another JVM of a cluster run needs.
 */
public final class RunText {

  private static final ConfigRenderOptions LEAF = ConfigRenderOptions.concise();

  private RunText() {}

  /** The text of {@code spec}'s configuration. */
  public static String of(RunSpec spec) {
    StringBuilder out = new StringBuilder();
    write(spec.config().root(), out, "");
    return out.toString();
  }

  private static void write(ConfigObject object, StringBuilder out, String indent) {
    for (String key : Settings.ordered(object)) {
      out.append(indent).append(ConfigUtil.quoteString(key)).append(" : ");
      writeValue(object.get(key), out, indent);
      out.append('\n');
    }
  }

  private static void writeValue(ConfigValue value, StringBuilder out, String indent) {
    if (value instanceof ConfigObject inner) {
      out.append("{\n");
      write(inner, out, indent + "  ");
      out.append(indent).append('}');
    } else if (value instanceof ConfigList list) {
      out.append("[\n");
      for (ConfigValue element : list) {
        out.append(indent).append("  ");
        writeValue(element, out, indent + "  ");
        out.append(",\n");
      }
      out.append(indent).append(']');
    } else {
      out.append(value.render(LEAF));
    }
  }
}
