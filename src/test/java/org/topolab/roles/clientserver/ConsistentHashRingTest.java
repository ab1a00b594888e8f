package org.topolab.roles.clientserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConsistentHashRingTest {

  private static final int KEYS = 100_000;

  @Test
  void keysSpreadEvenlyOverBackendsWithEnoughPoints() {
    int backends = 5;
    ConsistentHashRing ring = new ConsistentHashRing(backends, 1000);
    long[] owned = new long[backends];
    for (long key = 0; key < KEYS; key++) {
      owned[ring.backendFor(key)]++;
    }
    // An even share is 1/5 of the keys. With 1000 points each, a backend's share of the ring
    // varies by about 1/sqrt(1000) = 3% of itself; 10% leaves room for that.
    for (long count : owned) {
      assertThat((double) count / KEYS).isCloseTo(0.2, within(0.02));
    }
  }

  @Test
  void removingABackendMovesOnlyItsOwnKeys() {
    int backends = 5;
    ConsistentHashRing before = new ConsistentHashRing(backends, 200);
    // The same ring without the last backend: the other backends keep their points.
    ConsistentHashRing after = new ConsistentHashRing(backends - 1, 200);
    int moved = 0;
    for (long key = 0; key < KEYS; key++) {
      int owner = before.backendFor(key);
      if (owner == backends - 1) {
        moved++;
        assertThat(after.backendFor(key)).isBetween(0, backends - 2);
      } else {
        assertThat(after.backendFor(key)).as("key %d", key).isEqualTo(owner);
      }
    }
    // About 1/n of the keys move: those the removed backend owned.
    assertThat((double) moved / KEYS).isCloseTo(1.0 / backends, within(0.04));
  }

  @Test
  void aBackendLeftOutHandsItsKeysToWhereARingWithoutItSendsThem() {
    int backends = 5;
    ConsistentHashRing ring = new ConsistentHashRing(backends, 200);
    ConsistentHashRing without = new ConsistentHashRing(backends - 1, 200);
    for (long key = 0; key < KEYS; key += 7) {
      // The last backend is down: each key goes where it would on a ring that never had it.
      assertThat(ring.backendFor(key, backend -> backend != backends - 1)).as("key %d", key).isEqualTo(without.backendFor(key));
      assertThat(ring.backendFor(key, backend -> true)).isEqualTo(ring.backendFor(key));
    }
    assertThat(ring.backendFor(1, backend -> false)).isEqualTo(-1);
  }

  @Test
  void smallKeysSpreadToo() {
    // Clients ask for keys 0 .. keys-1: the smallest keys must not be special. With 3 backends,
    // each should own about a third of keys 0..99; a backend with fewer than 10 is far off that.
    ConsistentHashRing ring = new ConsistentHashRing(3, 100);
    long[] owned = new long[3];
    for (long key = 0; key < 100; key++) {
      owned[ring.backendFor(key)]++;
    }
    for (long count : owned) {
      assertThat(count).isGreaterThanOrEqualTo(10);
    }
  }

  @Test
  void aSingleBackendOwnsEverything() {
    ConsistentHashRing ring = new ConsistentHashRing(1, 10);
    for (long key = -50; key < 50; key++) {
      assertThat(ring.backendFor(key)).isZero();
    }
  }
}
