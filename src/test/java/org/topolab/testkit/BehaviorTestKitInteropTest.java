package org.topolab.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/**
 * A node under Pekko's BehaviorTestKit, whose self is a stand-in with no actor behind it, still
 * gets its timers from a NodeTestKit's clock: the engine's delivery takes such references as they are.
 */
class BehaviorTestKitInteropTest {

  private enum Tick { INSTANCE }

  @Test
  void aTimerToABehaviorTestKitSelfLandsInItsInbox() {
    try (NodeTestKit kit = NodeTestKit.builder().group("nodes", 1).build()) {
      Behavior<Tick> ticking =
          Behaviors.setup(
              context -> {
                kit.context(0).after(3_000_000L, context.getSelf(), Tick.INSTANCE);
                return Behaviors.ignore();
              });
      BehaviorTestKit<Tick> node = BehaviorTestKit.create(ticking);
      assertThat(node.selfInbox().hasMessages()).isFalse();
      assertThat(kit.advanceToNextEvent()).isTrue();
      assertThat(kit.now()).isEqualTo(3_000_000L);
      assertThat(node.selfInbox().receiveMessage()).isEqualTo(Tick.INSTANCE);
    }
  }
}
