package org.topolab.roles.updates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.topolab.engine.PekkoConfig;
import org.topolab.network.NetMessage;

/** Every message of the publisher and its subscribers crosses Pekko's serialisation (Jackson CBOR) intact. */
class UpdatesWireSerializationTest {

  private static ActorTestKit kit;

  @BeforeAll
  static void start() {
    // application.conf binds NetMessage to Jackson CBOR; the test kit reads only its own config.
    kit = ActorTestKit.create(PekkoConfig.load());
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void everyMessageRoundTrips() throws Exception {
    List<NetMessage> messages =
        List.of(
            new Update(0, 3, new long[] {1_000_000_000L, 11_000_000_000L, 1L << 40}, 100_000),
            new Update(7, 1, new long[] {0}, 0),
            new Poll(12, 0),
            new Poll(12, 3),
            new NotModified(0, 0),
            new NotModified(0, 3));
    Serialization serialization = SerializationExtension.get(kit.system());
    for (NetMessage message : messages) {
      Serializer serializer = serialization.findSerializerFor(message);
      assertThat(serializer.getClass().getSimpleName()).as(message.toString()).contains("Jackson");
      byte[] bytes = serialization.serialize(message).get();
      Object back =
          serialization
              .deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, message))
              .get();
      // Update's equals compares its release times element by element.
      assertThat(back).as(message.toString()).isEqualTo(message);
      assertThat(((NetMessage) back).sizeBytes()).isEqualTo(message.sizeBytes());
    }
  }
}
