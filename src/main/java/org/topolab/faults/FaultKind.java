package org.topolab.faults;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What a fault does, named as Jepsen's nemeses and the people who run them call it. */
public enum FaultKind {
  /** The node's actor stops: its state is gone, and what is sent to it is lost. */
  CRASH,
  /** A fresh node with the same id, made by its role again; a live node is crashed first. */
  RESTART,
  /** Groups (or nodes) cannot reach each other, for a while or until a heal. */
  PARTITION,
  /** Ends every partition in force. */
  HEAL,
  /** A node's link gets more latency, loss or less bandwidth for a while. */
  DEGRADE,
  /** The node stops processing for a while, then goes on with what came meanwhile. */
  PAUSE;

  /** The name a scenario writes: {@code crash}, {@code partition}... */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every kind's name, in order. */
  public static List<String> keys() {
    return Arrays.stream(values()).map(FaultKind::key).toList();
  }

  /** The kind a scenario names {@code key}. */
  public static FaultKind of(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }

  /** Whether faults of this kind last a while (and so have an end). */
  public boolean lasts() {
    return this != RESTART && this != HEAL;
  }
}
