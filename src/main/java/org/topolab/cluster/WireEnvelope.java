package org.topolab.cluster;

import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.Serializers;
import org.topolab.network.Envelope;
import org.topolab.network.NetMessage;

/**
 * An {@link Envelope} on its way to another member: its message serialised by the serializer
 * Pekko binds to it (Jackson CBOR for every {@link NetMessage}).
 */
record WireEnvelope(long arrival, long key, int from, int to, long bytes, int serializer, String manifest, byte[] payload) {

  static WireEnvelope of(Envelope envelope, Serialization serialization) {
    NetMessage message = envelope.message();
    org.apache.pekko.serialization.Serializer serializer = serialization.findSerializerFor(message);
    return new WireEnvelope(
        envelope.arrivalNanos(),
        envelope.key(),
        envelope.from(),
        envelope.to(),
        envelope.bytes(),
        serializer.identifier(),
        Serializers.manifestFor(serializer, message),
        serializer.toBinary(message));
  }

  Envelope open(Serialization serialization) {
    NetMessage message = (NetMessage) serialization.deserialize(payload, serializer, manifest).get();
    return new Envelope(arrival, key, from, to, bytes, message);
  }
}
