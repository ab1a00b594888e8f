package org.topolab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What a group's entry in report.json measures, told from the keys it has rather than from its
 * role's name, so that a role of one's own that writes the same keys gets the same charts.
 */
enum GroupKind {
  /** Sends requests: has a {@code requests} object. */
  CLIENT,
  /** Serves requests: has a {@code utilisation} number. */
  SERVER,
  /** Downloads a file: has a {@code downloads} object. */
  DOWNLOAD,
  /** Receives the versions of an item, pushed, polled or gossiped: has an {@code updates} object. */
  UPDATES,
  /** Releases the versions of an item: has a {@code publisher} object. */
  PUBLISHER,
  /** Averages a value by gossip: has an {@code averaging} object. */
  AVERAGING,
  /** Looks items up (a directory, flooding, a DHT, super-peers): has a {@code lookups} object. */
  LOOKUPS;

  /** The kind of {@code group}, or empty for a group that has nothing to chart (a load balancer). */
  static Optional<GroupKind> of(JsonNode group) {
    if (group.path("requests").isObject()) {
      return Optional.of(CLIENT);
    }
    if (group.path("utilisation").isNumber()) {
      return Optional.of(SERVER);
    }
    if (group.path("downloads").isObject()) {
      return Optional.of(DOWNLOAD);
    }
    if (group.path("updates").isObject()) {
      return Optional.of(UPDATES);
    }
    if (group.path("publisher").isObject()) {
      return Optional.of(PUBLISHER);
    }
    if (group.path("averaging").isObject()) {
      return Optional.of(AVERAGING);
    }
    if (group.path("lookups").isObject()) {
      return Optional.of(LOOKUPS);
    }
    return Optional.empty();
  }
}
