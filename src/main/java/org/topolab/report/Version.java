package org.topolab.report;

/** topolab's version, as the jar's manifest gives it. */
public final class Version {

  private Version() {}

  /** The version, or {@code dev} when run from classes rather than the jar. */
  public static String get() {
    String version = Version.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
