package org.topolab.roles.p2p;

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

/** Every message of the file-distribution protocols crosses Pekko's serialisation (Jackson CBOR) intact. */
class WireSerializationTest {

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
    long[] bits = {0b1011L, -1L};
    List<NetMessage> messages =
        List.of(
            new Wire.GetFile(1, "movie"),
            new Wire.FileInfo(0, "movie", 2500, 1000),
            new Wire.GetChunk(1, "movie", 2),
            new Wire.RequestChunk(1, 7),
            new Wire.Cancel(1, 7),
            new Wire.Chunk(0, 7, 1000),
            new Wire.Join(1, "movie", 10),
            new Wire.Members(9, "movie", new int[] {3, 4}),
            new Wire.Leave(1, "movie"),
            new Wire.Handshake(1, "movie", bits),
            new Wire.Bitfield(2, bits),
            new Wire.Have(2, 5),
            new Wire.Interest(2, true, 3),
            new Wire.Choke(2, false, 4, 0),
            new Wire.Bye(2));
    Serialization serialization = SerializationExtension.get(kit.system());
    for (NetMessage message : messages) {
      Serializer serializer = serialization.findSerializerFor(message);
      assertThat(serializer.getClass().getSimpleName()).as(message.toString()).contains("Jackson");
      byte[] bytes = serialization.serialize(message).get();
      Object back =
          serialization
              .deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, message))
              .get();
      assertThat(back).usingRecursiveComparison().isEqualTo(message);
    }
  }
}
