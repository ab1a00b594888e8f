package org.topolab.roles.aggregation;

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

/** The averaging messages cross Pekko's serialisation (Jackson CBOR) intact, to the last bit of the value. */
class AveragingSerializationTest {

  private static ActorTestKit kit;

  @BeforeAll
  static void start() {
    kit = ActorTestKit.create(PekkoConfig.load());
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void everyMessageRoundTrips() throws Exception {
    List<NetMessage> messages =
        List.of(new Averaging.Push(17, 0.1 + 0.2), new Averaging.Reply(Double.MIN_VALUE), new Averaging.Reply(-1e300));
    Serialization serialization = SerializationExtension.get(kit.system());
    for (NetMessage message : messages) {
      Serializer serializer = serialization.findSerializerFor(message);
      assertThat(serializer.getClass().getSimpleName()).as(message.toString()).contains("Jackson");
      byte[] bytes = serialization.serialize(message).get();
      Object back = serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, message)).get();
      assertThat(back).isEqualTo(message);
    }
  }
}
