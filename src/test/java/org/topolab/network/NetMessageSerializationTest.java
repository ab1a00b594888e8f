package org.topolab.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.topolab.engine.PekkoConfig;
import org.topolab.roles.clientserver.Request;
import org.topolab.roles.clientserver.Response;
import org.topolab.roles.updates.Update;

/**
 * Every message that crosses the network is bound to Jackson CBOR in application.conf and comes
 * back equal from a round trip, so that a node may live on another machine.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetMessageSerializationTest {

  // application.conf, not the test kit's default configuration: the binding under test lives there.
  @JUnit5TestKit public ActorTestKit kit = new JUnit5TestKitBuilder().withCustomConfig(PekkoConfig.load()).build();

  private Object roundTrip(Object message) {
    Serialization serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
    Serializer serializer = serialization.findSerializerFor(message);
    assertThat(serializer).as("serializer of %s", message.getClass().getName()).isInstanceOf(JacksonCborSerializer.class);
    byte[] bytes = serialization.serialize(message).get();
    String manifest = Serializers.manifestFor(serializer, message);
    return serialization.deserialize(bytes, serializer.identifier(), manifest).get();
  }

  @Test
  void requestAndResponseRoundTrip() {
    for (Object message :
        List.of(
            new Request(3, 1L << 40, -17, 1024, 0),
            new Response(9, 12, Response.Outcome.OK, 20_480),
            new Response(9, 13, Response.Outcome.REJECTED, Response.HEADER_BYTES),
            new Response(9, 14, Response.Outcome.FAILED, Response.HEADER_BYTES),
            new Packet("test", 5))) {
      assertThat(roundTrip(message)).isEqualTo(message);
    }
  }

  @Test
  void everyNetMessageRecordInTheCodeRoundTrips() throws Exception {
    // Found on the class path, so that a role's new message cannot be forgotten here.
    List<Class<?>> messages = netMessageRecords();
    assertThat(messages).contains(Request.class, Response.class);
    for (Class<?> type : messages) {
      Object message = sample(type);
      // Field by field: a record's equals compares array components by reference.
      assertThat(roundTrip(message)).as(type.getName()).usingRecursiveComparison().isEqualTo(message);
    }
  }

  /** The records implementing NetMessage among the compiled main classes. */
  private static List<Class<?>> netMessageRecords() throws IOException, URISyntaxException, ClassNotFoundException {
    Path root = Path.of(NetMessage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
        Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()), false, NetMessage.class.getClassLoader());
        if (type.isRecord() && NetMessage.class.isAssignableFrom(type)) {
          found.add(type);
        }
      }
    }
    return found;
  }

  /** An instance of {@code type} with a distinct value in every component. */
  private static Object sample(Class<?> type) throws ReflectiveOperationException {
    if (type == Update.class) {
      return new Update(1001, 3, new long[] {1L << 40, (1L << 40) + 7, (1L << 41) + 3}, 1L << 33); // one release time per version
    }
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] = value(types[i], i + 1, type);
    }
    return type.getDeclaredConstructor(types).newInstance(values);
  }

  private static Object value(Class<?> type, int n, Class<?> owner) throws ReflectiveOperationException {
    if (type == int.class) {
      return 1000 + n;
    } else if (type == long.class) {
      return (1L << 33) + n;
    } else if (type == double.class) {
      return n + 0.25;
    } else if (type == boolean.class) {
      return n % 2 == 0;
    } else if (type == String.class) {
      return "value-" + n;
    } else if (type == long[].class) {
      return new long[] {(1L << 40) + n, -n, 0};
    } else if (type == int[].class) {
      return new int[] {n, 7 * n, -1};
    } else if (type == byte[].class) {
      return new byte[] {(byte) n, -1, 0, 42};
    } else if (type.isRecord()) {
      return sample(type); // a record within a message, such as a request's credentials
    } else if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      return constants[n % constants.length];
    }
    throw new AssertionError(owner.getName() + ": add a sample value for a component of type " + type.getName());
  }
}
