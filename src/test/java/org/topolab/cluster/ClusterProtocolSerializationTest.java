package org.topolab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.topolab.cluster.ClusterProtocol.ToCoordinator;
import org.topolab.cluster.ClusterProtocol.ToMember;
import org.topolab.engine.PekkoConfig;
import org.topolab.network.Envelope;
import org.topolab.network.GroupTraffic;
import org.topolab.roles.clientserver.Request;

/**
 * Every message the JVMs of a cluster run send each other is bound to Jackson CBOR and comes back
 * equal, field by field; so do the envelopes inside a window's batch and a member's result.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterProtocolSerializationTest {

  @JUnit5TestKit public ActorTestKit kit = new JUnit5TestKitBuilder().withCustomConfig(PekkoConfig.load()).build();

  private Serialization serialization() {
    return SerializationExtension.get(Adapter.toClassic(kit.system()));
  }

  private Object roundTrip(Object message) {
    Serializer serializer = serialization().findSerializerFor(message);
    assertThat(serializer).as("serializer of %s", message.getClass().getName()).isInstanceOf(JacksonCborSerializer.class);
    byte[] bytes = serialization().serialize(message).get();
    return serialization().deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, message)).get();
  }

  @Test
  void everyProtocolMessageRoundTrips() {
    ActorRef<ToMember> host = kit.<ToMember>createTestProbe().ref();
    ActorRef<ToCoordinator> coordinator = kit.<ToCoordinator>createTestProbe().ref();
    List<Object> samples = List.of(
        new ClusterProtocol.Describe(coordinator),
        new ClusterProtocol.Description("10.0.0.5:25520", 2, "0.1.0", host),
        new ClusterProtocol.Prepare("run-1", "seed : 7\n", "pool", "web.conf", 1, List.of(host, host), List.of(2, 1), coordinator),
        new ClusterProtocol.Start("run-1", 1_764_560_000_123L),
        new ClusterProtocol.Abort("run-1", "member 10.0.0.6:25520 became unreachable"),
        new ClusterProtocol.Batch("run-1", 41, 2, 0, 3, 123_456_789L, new byte[] {1, 2, 3, -1}),
        new ClusterProtocol.Deliveries("run-1", 2, new byte[] {7, 7, -7}),
        new ClusterProtocol.Prepared("run-1", 1),
        new ClusterProtocol.Refused("run-1", 1, "10.0.0.5:25520", "groups.x.role: no role class com.example.X"),
        new ClusterProtocol.ResultChunk("run-1", 2, 1, 2, new byte[] {9, 8}),
        new ClusterProtocol.Failed("run-1", 0, "10.0.0.5:25520", "node clients-3 failed"));
    // A message type added to the protocol without a sample here fails this test.
    assertThat(samples.stream().map(Object::getClass).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(ClusterProtocol.messageTypes());
    for (Object message : samples) {
      assertThat(roundTrip(message)).as(message.getClass().getSimpleName()).usingRecursiveComparison().isEqualTo(message);
    }
  }

  @Test
  void envelopesCrossInsideABatchWithTheirMessages() {
    Envelope envelope = new Envelope(5_000_000_123L, 77L << 37 | 5, 77, 3, 1024, new Request(77, 9, 42, 1024, 2048));
    byte[] batch = Cbor.write(List.of(WireEnvelope.of(envelope, serialization())));
    List<WireEnvelope> back = Cbor.read(batch, new TypeReference<List<WireEnvelope>>() {});
    assertThat(back).hasSize(1);
    assertThat(back.get(0).open(serialization())).isEqualTo(envelope);
  }

  @Test
  void aMemberResultCrossesInChunksAndComesBackWhole() {
    byte[] metrics = new byte[300_000];
    for (int i = 0; i < metrics.length; i++) {
      metrics[i] = (byte) (i * 31);
    }
    MemberResult result = new MemberResult(12_345, 60_000_000_000L, -42, List.of(metrics, new byte[0]),
        List.of(new GroupTraffic(3, 10, 1000, 9, 900, 1, 100, 500, 200, 400)), 12_345.5, 98_765, 3);
    List<byte[]> chunks = Cbor.split(Cbor.write(result), ClusterProtocol.CHUNK_BYTES);
    assertThat(chunks.size()).isGreaterThan(2);
    assertThat(chunks).allMatch(chunk -> chunk.length <= ClusterProtocol.CHUNK_BYTES);
    MemberResult back = Cbor.read(Cbor.join(chunks.toArray(new byte[0][])), MemberResult.class);
    assertThat(back).usingRecursiveComparison().isEqualTo(result);
  }
}
