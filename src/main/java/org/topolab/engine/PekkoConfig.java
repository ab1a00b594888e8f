package org.topolab.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * The configuration of topolab's actor systems, in layers: system properties, then an {@code
 * application.conf} of the user's own on the classpath (if any), then topolab's defaults (the
 * repository's top-level application.conf, packed into the jar as {@value #DEFAULTS} so that it
 * never stands in the way of a user's own), then every library's reference.conf.
 */
public final class PekkoConfig {

  /** Where topolab's defaults are in the jar. */
  public static final String DEFAULTS = "org/topolab/application.conf";

  private PekkoConfig() {}

  /** The layered configuration, resolved. */
  public static Config load() {
    ClassLoader loader = PekkoConfig.class.getClassLoader();
    Config defaults = ConfigFactory.parseResources(loader, DEFAULTS);
    if (defaults.isEmpty()) {
      throw new IllegalStateException(DEFAULTS + " is missing from the classpath: the topolab jar is incomplete");
    }
    return ConfigFactory.load(loader, ConfigFactory.parseResourcesAnySyntax(loader, "application").withFallback(defaults));
  }
}
