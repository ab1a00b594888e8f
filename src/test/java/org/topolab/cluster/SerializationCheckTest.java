package org.topolab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.typesafe.config.ConfigFactory;
import java.io.Serializable;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.topolab.engine.PekkoConfig;

/** The start-up check passes when every message type is bound to Jackson CBOR and names each one that is not. */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SerializationCheckTest {

  /** A cluster message bound as it should be. */
  record Joined(String member) {}

  /** A message nobody bound. */
  record Forgotten(int n) {}

  /** A message bound, but to JSON. */
  record AsJson(int n) {}

  /** A message that only Java serialisation, which is off, would carry. */
  record Legacy(int n) implements Serializable {}

  // topolab's own configuration, which binds NetMessage, plus the bindings of this test's messages.
  @JUnit5TestKit
  public ActorTestKit kit =
      new JUnit5TestKitBuilder()
          .withCustomConfig(
              ConfigFactory.parseString(
                      "pekko.actor.serialization-bindings {\n"
                          + "  \"" + Joined.class.getName() + "\" = jackson-cbor\n"
                          + "  \"" + AsJson.class.getName() + "\" = jackson-json\n"
                          + "}")
                  .withFallback(PekkoConfig.load()))
          .build();

  @Test
  void passesWhenNetMessageAndTheProtocolAreJacksonCbor() {
    SerializationCheck.verify(kit.system(), List.of(Joined.class));
  }

  @Test
  void namesEveryClassNotBoundToJacksonCbor() {
    assertThatIllegalStateException()
        .isThrownBy(() -> SerializationCheck.verify(kit.system(), List.of(Joined.class, Forgotten.class, AsJson.class, Legacy.class)))
        .satisfies(
            e -> {
              assertThat(e.getMessage())
                  .contains(Forgotten.class.getName() + " (bound to no serializer)")
                  .contains(AsJson.class.getName() + " (bound to org.apache.pekko.serialization.jackson.JacksonJsonSerializer)")
                  .contains(Legacy.class.getName() + " (bound to org.apache.pekko.serialization.DisabledJavaSerializer)")
                  .contains("pekko.actor.serialization-bindings")
                  .doesNotContain(Joined.class.getName())
                  .doesNotContain("org.topolab.network.NetMessage (");
            });
  }
}
