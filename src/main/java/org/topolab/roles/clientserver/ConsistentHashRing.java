package org.topolab.roles.clientserver;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * A hash ring: each backend owns many points on it, and a key goes to the backend that owns the
 * first point at or after the key's hash. Adding or removing a backend moves only the keys near
 * its points.
 */
public final class ConsistentHashRing {

  private final TreeMap<Long, Integer> points = new TreeMap<>();

  /** A ring of {@code backends} backends with {@code pointsPerBackend} points each. */
  public ConsistentHashRing(int backends, int pointsPerBackend) {
    for (int backend = 0; backend < backends; backend++) {
      for (int point = 0; point < pointsPerBackend; point++) {
        // Hashed twice: once only, backend 0's points would fall exactly on keys 0, 1, 2... and own them all.
        points.put(hash(hash(((long) backend << 32) | point)), backend);
      }
    }
  }

  /** The index of the backend that owns {@code key}. */
  public int backendFor(long key) {
    Map.Entry<Long, Integer> entry = points.ceilingEntry(hash(key));
    return (entry != null ? entry : points.firstEntry()).getValue();
  }

  /**
   * The index of the first {@code eligible} backend met going round the ring from {@code key}'s
   * place: the owner if it is eligible, else the backend that would own the key without it. -1 if
   * none is eligible.
   */
  public int backendFor(long key, IntPredicate eligible) {
    long hash = hash(key);
    for (int backend : points.tailMap(hash, true).values()) {
      if (eligible.test(backend)) {
        return backend;
      }
    }
    for (int backend : points.headMap(hash, false).values()) {
      if (eligible.test(backend)) {
        return backend;
      }
    }
    return -1;
  }

  private static long hash(long value) {
    long z = value + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
