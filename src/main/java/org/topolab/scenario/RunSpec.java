package org.topolab.scenario;

import com.typesafe.config.Config;
import java.util.Map;

/**
 * One run of an experiment: a variant at one sweep point, as the merged configuration it runs.
 *
 * @param index position in the experiment, from 0
 * @param variant the variant's name, or {@code default}
 * @param params the swept keys and their values at this point, in sweep order
 * @param config the whole scenario for this run
 */
public record RunSpec(int index, String variant, Map<String, Object> params, Config config) {

  /** A short label, such as {@code pool groups.clients.count=50}. */
  public String label() {
    StringBuilder label = new StringBuilder(variant);
    params.forEach((key, value) -> label.append(' ').append(key).append('=').append(value));
    return label.toString();
  }
}
