package org.topolab.roles.discovery.unstructured;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The random overlay: symmetric, without loops, of the degree asked but for a few nodes, and the same for the same seed. */
class OverlayTest {

  @Test
  void linksAreSymmetricWithoutLoopsAndAlmostEveryNodeHasTheDegreeAsked() {
    for (int degree : new int[] {3, 4, 7}) {
      Overlay overlay = Overlay.random(21, 5000, degree);
      int shortOne = 0;
      for (int node = 0; node < overlay.count(); node++) {
        int[] around = overlay.neighbours(node);
        assertThat(around).doesNotContain(node).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(degree);
        for (int other : around) {
          assertThat(overlay.neighbours(other)).contains(node);
        }
        shortOne += around.length < degree ? 1 : 0;
      }
      // An edge drawn twice is kept once: about degree^2 / 2 nodes end a neighbour short, out of 5000.
      assertThat(shortOne).as("degree " + degree).isLessThanOrEqualTo(2 * degree * degree);
    }
  }

  @Test
  void theSameSeedGivesTheSameOverlayAndAnotherSeedAnother() {
    Overlay one = Overlay.random(5, 200, 4);
    Overlay same = Overlay.random(5, 200, 4);
    Overlay other = Overlay.random(6, 200, 4);
    assertThat(IntStream.range(0, 200).allMatch(n -> Arrays.equals(one.neighbours(n), same.neighbours(n)))).isTrue();
    assertThat(IntStream.range(0, 200).allMatch(n -> Arrays.equals(one.neighbours(n), other.neighbours(n)))).isFalse();
  }

  @Test
  void theOverlayIsConnected() {
    Overlay overlay = Overlay.random(3, 2000, 4);
    boolean[] reached = new boolean[overlay.count()];
    int[] queue = new int[overlay.count()];
    int head = 0;
    int tail = 0;
    queue[tail++] = 0;
    reached[0] = true;
    while (head < tail) {
      for (int next : overlay.neighbours(queue[head++])) {
        if (!reached[next]) {
          reached[next] = true;
          queue[tail++] = next;
        }
      }
    }
    assertThat(tail).isEqualTo(overlay.count());
  }

  @Test
  void theClosedFormCountsEachHopsMessages() {
    // d = 4: 4 + 12 + 36 + 108; d = 2: a line both ways; d = 1: the one neighbour.
    assertThat(FloodTheory.messages(4, 4)).isEqualTo(160);
    assertThat(FloodTheory.messages(2, 5)).isEqualTo(10);
    assertThat(FloodTheory.messages(1, 3)).isEqualTo(1);
    assertThat(FloodTheory.messages(5, 3)).isEqualTo(5 * (Math.pow(4, 3) - 1) / 3);
  }
}
