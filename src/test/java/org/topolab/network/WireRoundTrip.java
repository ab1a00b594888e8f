package org.topolab.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.topolab.engine.PekkoConfig;

/**
 * Sends messages through Pekko's serialisation as a cluster would, with topolab's configuration
 * (NetMessage bound to Jackson CBOR), for the role tests that check their protocol crosses intact.
 */
public final class WireRoundTrip implements AutoCloseable {

  // The test kit reads only its own configuration: give it topolab's.
  private final ActorTestKit kit = ActorTestKit.create(PekkoConfig.load());

  /** Asserts that each message is serialised by Jackson and comes back equal, with the same size on the wire. */
  public void assertRoundTrips(List<? extends NetMessage> messages) throws Exception {
    Serialization serialization = SerializationExtension.get(kit.system());
    for (NetMessage message : messages) {
      Serializer serializer = serialization.findSerializerFor(message);
      assertThat(serializer.getClass().getSimpleName()).as(message.toString()).contains("Jackson");
      byte[] bytes = serialization.serialize(message).get();
      Object back = serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, message)).get();
      assertThat(back).as(message.toString()).isEqualTo(message);
      assertThat(((NetMessage) back).sizeBytes()).as(message.toString()).isEqualTo(message.sizeBytes());
    }
  }

  @Override
  public void close() {
    kit.shutdownTestKit();
  }
}
