package org.topolab.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * A group's metrics as bytes and back, for a cluster member to send what it measured to the coordinator.
 *
 * <p>The coordinator restores each snapshot into fresh metrics from the same model and merges
 * them. Every non-static, non-transient instance field of the class and its superclasses travels,
 * final or not: primitives, boxed numbers, strings, enums and primitive arrays as Jackson writes
 * them (doubles as 64-bit floats, so exactly); records component by component, so that they too
 * may hold the types below; an HdrHistogram {@link Histogram} in its compressed encoding; a {@link
 * LongAdder} as its sum and an {@link AtomicLong} or {@link AtomicInteger} as its value; arrays of
 * objects element by element; any other object, of a class outside the JDK, field by field into
 * the instance the fresh metrics hold there. Nothing but records, arrays and the JDK types above
 * is constructed, so such an object must be there already. Collections, maps and other JDK
 * classes give an {@link IllegalArgumentException} naming the field.
 *
 * <p>Take a snapshot once nothing records into the metrics any more. An object referenced from two
 * fields travels twice, and comes back as two copies unless the fresh metrics share it too.
 */
public final class MetricsSnapshots {

  private static final CBORMapper CBOR = new CBORMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<Class<?>> BOXED =
      Set.of(Boolean.class, Byte.class, Short.class, Character.class, Integer.class, Long.class, Float.class, Double.class);
  private static final String SUPPORTED =
      "Supported are primitives, boxed numbers, strings, enums, arrays, records, HdrHistogram's Histogram, LongAdder,"
          + " AtomicLong, AtomicInteger, and objects of other classes outside the JDK, field by field.";

  /** How a value of a declared type travels. */
  private enum Kind {
    VALUE,
    PRIMITIVE_ARRAY,
    ARRAY,
    RECORD,
    HISTOGRAM,
    LONG_ADDER,
    ATOMIC_LONG,
    ATOMIC_INTEGER,
    OBJECT
  }

  private MetricsSnapshots() {}

  /** The state of {@code metrics}, every field of it and of the objects it holds, as bytes. */
  public static byte[] snapshot(Object metrics) {
    String root = metrics.getClass().getName();
    ObjectNode snapshot = NODES.objectNode();
    snapshot.put("class", root);
    snapshot.set("fields", encodeObject(metrics, root, Collections.newSetFromMap(new IdentityHashMap<>())));
    try {
      return CBOR.writeValueAsBytes(snapshot);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the snapshot of " + root, e);
    }
  }

  /**
   * Writes the state in {@code snapshot} into {@code into}: fresh metrics of the class the snapshot
   * was taken of, made by the same model, which afterwards merge and report as the original did.
   */
  public static void restore(byte[] snapshot, Object into) {
    String root = into.getClass().getName();
    JsonNode tree;
    try {
      tree = CBOR.readTree(snapshot);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a metrics snapshot: " + e.getMessage(), e);
    }
    if (tree == null || !tree.path("fields").isObject()) {
      throw new IllegalArgumentException("not a metrics snapshot");
    }
    String taken = tree.path("class").asText();
    if (!taken.equals(root)) {
      throw new IllegalArgumentException("a snapshot of " + taken + " cannot be restored into a " + root);
    }
    decodeObject(tree.get("fields"), into, root);
  }

  // --- snapshot ---

  private static JsonNode encode(Object value, Class<?> type, String where, Set<Object> path) {
    Kind kind = kind(type, where);
    if (value == null) {
      return NODES.nullNode();
    }
    return switch (kind) {
      case VALUE, PRIMITIVE_ARRAY -> CBOR.valueToTree(value);
      case ARRAY -> {
        ArrayNode elements = NODES.arrayNode();
        for (int i = 0; i < Array.getLength(value); i++) {
          elements.add(encode(Array.get(value, i), type.getComponentType(), where + "[" + i + "]", path));
        }
        yield elements;
      }
      case RECORD -> {
        ObjectNode components = NODES.objectNode();
        for (RecordComponent component : type.getRecordComponents()) {
          String at = where + "." + component.getName();
          components.set(component.getName(), encode(access(component, value, at), component.getType(), at, path));
        }
        yield components;
      }
      case HISTOGRAM -> {
        if (value.getClass() != Histogram.class) {
          throw unsupported(where, value.getClass(), "only org.HdrHistogram.Histogram itself is supported");
        }
        Histogram histogram = (Histogram) value;
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        yield NODES.binaryNode(Arrays.copyOf(buffer.array(), length));
      }
      case LONG_ADDER -> NODES.numberNode(((LongAdder) value).sum());
      case ATOMIC_LONG -> NODES.numberNode(((AtomicLong) value).get());
      case ATOMIC_INTEGER -> NODES.numberNode(((AtomicInteger) value).get());
      case OBJECT -> {
        Class<?> actual = value.getClass();
        if (actual.isHidden() || actual.isSynthetic()) {
          throw unsupported(where, actual, "a lambda or other generated class, with no state to restore");
        }
        if (kind(actual, where) != Kind.OBJECT) {
          throw unsupported(where, actual, "the field is declared as " + type.getName() + "; declare it as " + actual.getName());
        }
        if (!path.add(value)) {
          throw unsupported(where, actual, "it refers back to an object that holds it");
        }
        ObjectNode fields = encodeObject(value, where, path);
        path.remove(value);
        yield fields;
      }
    };
  }

  private static ObjectNode encodeObject(Object object, String where, Set<Object> path) {
    ObjectNode out = NODES.objectNode();
    // Metrics classes guard their fields with their own monitor: holding it makes the nodes'
    // last writes visible here, whichever thread made them.
    synchronized (object) {
      for (Map.Entry<String, Field> entry : fields(object.getClass(), where).entrySet()) {
        Field field = entry.getValue();
        String at = where + "." + entry.getKey();
        out.set(entry.getKey(), encode(read(field, object, at), field.getType(), at, path));
      }
    }
    return out;
  }

  // --- restore ---

  /** The value {@code node} describes, restored into {@code current} where that is kept. */
  private static Object decode(JsonNode node, Class<?> type, Object current, String where) {
    Kind kind = kind(type, where);
    if (node == null) {
      throw new IllegalArgumentException("the snapshot has no value for " + where);
    }
    if (node.isNull()) {
      return null;
    }
    try {
      return switch (kind) {
        case VALUE -> CBOR.treeToValue(node, type);
        case PRIMITIVE_ARRAY -> {
          Object array = CBOR.treeToValue(node, type);
          // Keep the array the fresh metrics hold, in case another of their objects shares it.
          if (current != null && Array.getLength(current) == Array.getLength(array)) {
            System.arraycopy(array, 0, current, 0, Array.getLength(array));
            yield current;
          }
          yield array;
        }
        case ARRAY -> {
          expect(node.isArray(), node, where);
          boolean keep = current != null && Array.getLength(current) == node.size();
          Object array = keep ? current : Array.newInstance(type.getComponentType(), node.size());
          for (int i = 0; i < node.size(); i++) {
            Object element = keep ? Array.get(current, i) : null;
            Array.set(array, i, decode(node.get(i), type.getComponentType(), element, where + "[" + i + "]"));
          }
          yield array;
        }
        case RECORD -> {
          expect(node.isObject(), node, where);
          RecordComponent[] components = type.getRecordComponents();
          expectNames(node, Arrays.stream(components).map(RecordComponent::getName).toList(), where);
          Object[] values = new Object[components.length];
          for (int i = 0; i < components.length; i++) {
            String at = where + "." + components[i].getName();
            Object inside = current == null ? null : access(components[i], current, at);
            values[i] = decode(node.get(components[i].getName()), components[i].getType(), inside, at);
          }
          yield construct(type, components, values, where);
        }
        case HISTOGRAM -> {
          expect(node.isBinary(), node, where);
          Histogram histogram = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(node.binaryValue()), 0);
          // The encoding carries the original's precision and range but not whether it grows:
          // decoded, it always does. The fresh histogram was made as the original was.
          if (current != null) {
            histogram.setAutoResize(((Histogram) current).isAutoResize());
          }
          yield histogram;
        }
        case LONG_ADDER -> {
          LongAdder adder = current == null ? new LongAdder() : (LongAdder) current;
          adder.reset();
          adder.add(longValue(node, where));
          yield adder;
        }
        case ATOMIC_LONG -> {
          AtomicLong atomic = current == null ? new AtomicLong() : (AtomicLong) current;
          atomic.set(longValue(node, where));
          yield atomic;
        }
        case ATOMIC_INTEGER -> {
          AtomicInteger atomic = current == null ? new AtomicInteger() : (AtomicInteger) current;
          atomic.set(Math.toIntExact(longValue(node, where)));
          yield atomic;
        }
        case OBJECT -> {
          if (current == null) {
            throw new IllegalArgumentException(
                "cannot restore " + where + ": the fresh metrics hold null there, and a " + type.getName() + " cannot be made without a constructor call");
          }
          decodeObject(node, current, where);
          yield current;
        }
      };
    } catch (IOException | DataFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("cannot restore " + where + " from the snapshot: " + e.getMessage(), e);
    }
  }

  private static void decodeObject(JsonNode node, Object into, String where) {
    expect(node.isObject(), node, where);
    Map<String, Field> fields = fields(into.getClass(), where);
    expectNames(node, fields.keySet(), where);
    synchronized (into) {
      for (Map.Entry<String, Field> entry : fields.entrySet()) {
        Field field = entry.getValue();
        String at = where + "." + entry.getKey();
        Object current = read(field, into, at);
        Object restored = decode(node.get(entry.getKey()), field.getType(), current, at);
        // Objects restored in place stay; values and replaced objects are written, final or not.
        if (restored != current) {
          try {
            field.set(into, restored);
          } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("cannot write " + at + ": " + e.getMessage(), e);
          }
        }
      }
    }
  }

  // --- types and fields ---

  private static Kind kind(Class<?> type, String where) {
    if (type.isPrimitive() || BOXED.contains(type) || type == String.class || type.isEnum()) {
      return Kind.VALUE;
    }
    if (type.isArray()) {
      return type.getComponentType().isPrimitive() ? Kind.PRIMITIVE_ARRAY : Kind.ARRAY;
    }
    if (type.isRecord()) {
      return Kind.RECORD;
    }
    if (type == Histogram.class) {
      return Kind.HISTOGRAM;
    }
    if (type == LongAdder.class) {
      return Kind.LONG_ADDER;
    }
    if (type == AtomicLong.class) {
      return Kind.ATOMIC_LONG;
    }
    if (type == AtomicInteger.class) {
      return Kind.ATOMIC_INTEGER;
    }
    // A plain Object holds no state of its own: it is there as a lock.
    if (type == Object.class) {
      return Kind.OBJECT;
    }
    String name = type.getName();
    if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")
        || name.startsWith("com.sun.") || name.startsWith("org.HdrHistogram.")) {
      throw unsupported(where, type, "not one of the JDK and HdrHistogram classes supported");
    }
    return Kind.OBJECT;
  }

  /**
   * The fields that travel, by key: non-static, non-transient and written in the source (the
   * compiler's links to enclosing instances are the fresh object's own). The class's own fields
   * come first, then its superclasses', each class's sorted by name so that the bytes do not
   * depend on reflection's order; a superclass field hidden by a same-named one is keyed with its
   * class's name.
   */
  private static Map<String, Field> fields(Class<?> type, String where) {
    Map<String, Field> fields = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      List<Field> declared = new ArrayList<>(List.of(c.getDeclaredFields()));
      declared.sort(Comparator.comparing(Field::getName));
      for (Field field : declared) {
        int modifiers = field.getModifiers();
        if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()) {
          continue;
        }
        String key = names.add(field.getName()) ? field.getName() : c.getName() + "." + field.getName();
        try {
          field.setAccessible(true);
        } catch (InaccessibleObjectException e) {
          throw new IllegalArgumentException(
              "cannot reach field " + field.getName() + " of " + c.getName() + " (at " + where + "): open its package to topolab", e);
        }
        fields.put(key, field);
      }
    }
    return fields;
  }

  private static Object read(Field field, Object object, String where) {
    try {
      return field.get(object);
    } catch (IllegalAccessException e) {
      throw new IllegalArgumentException("cannot read " + where + ": " + e.getMessage(), e);
    }
  }

  private static Object access(RecordComponent component, Object record, String where) {
    try {
      component.getAccessor().setAccessible(true);
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException | InaccessibleObjectException e) {
      throw new IllegalArgumentException("cannot read " + where + ": " + e.getMessage(), e);
    }
  }

  private static Object construct(Class<?> type, RecordComponent[] components, Object[] values, String where) {
    try {
      Constructor<?> canonical = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
      canonical.setAccessible(true);
      return canonical.newInstance(values);
    } catch (ReflectiveOperationException | InaccessibleObjectException e) {
      Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
      throw new IllegalArgumentException("cannot make the " + type.getName() + " at " + where + ": " + cause, cause);
    }
  }

  /** The error for a field that cannot travel; {@code where} is the path from the metrics' class to the field. */
  private static IllegalArgumentException unsupported(String where, Class<?> type, String why) {
    return new IllegalArgumentException("cannot snapshot field " + where + " of type " + type.getName() + ": " + why + ". " + SUPPORTED);
  }

  private static long longValue(JsonNode node, String where) {
    expect(node.canConvertToExactIntegral(), node, where);
    return node.longValue();
  }

  private static void expect(boolean holds, JsonNode node, String where) {
    if (!holds) {
      throw new IllegalArgumentException("cannot restore " + where + " from a " + node.getNodeType() + " in the snapshot");
    }
  }

  private static void expectNames(JsonNode node, Collection<String> names, String where) {
    Set<String> found = new HashSet<>();
    node.fieldNames().forEachRemaining(found::add);
    if (!found.equals(new HashSet<>(names))) {
      throw new IllegalArgumentException("the snapshot of " + where + " has fields " + found + " where its class has " + names);
    }
  }
}
