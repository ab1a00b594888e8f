package org.topolab.cluster;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.topolab.network.NetMessage;

/** The start-up check that every message crossing between members is serialised with Jackson CBOR. */
public final class SerializationCheck {

  private SerializationCheck() {}

  /**
   * Checks, in a started actor system, that {@link NetMessage} and each of {@code protocol} (the
   * cluster's own message types) are bound to Pekko's Jackson CBOR serializer: a binding that is
   * missing would otherwise surface only when the first such message fails to cross, mid-run.
   *
   * @throws IllegalStateException naming every class bound to something else, or to nothing
   */
  public static void verify(ClassicActorSystemProvider system, List<Class<?>> protocol) {
    Serialization serialization = SerializationExtension.get(system.classicSystem());
    List<Class<?>> types = new ArrayList<>();
    types.add(NetMessage.class);
    types.addAll(protocol);
    List<String> wrong = new ArrayList<>();
    for (Class<?> type : types) {
      String bound;
      try {
        Serializer serializer = serialization.serializerFor(type);
        if (serializer instanceof JacksonCborSerializer) {
          continue;
        }
        bound = "bound to " + serializer.getClass().getName();
      } catch (Exception e) {
        // Pekko throws NotSerializableException, undeclared to Java, for a class with no binding at all.
        bound = "bound to no serializer";
      }
      wrong.add(type.getName() + " (" + bound + ")");
    }
    if (!wrong.isEmpty()) {
      throw new IllegalStateException(
          "Not serialised with Jackson CBOR: " + String.join(", ", wrong)
              + ". Bind each to jackson-cbor under pekko.actor.serialization-bindings, as application.conf does for "
              + NetMessage.class.getName() + ".");
    }
  }
}
