package org.topolab.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes what a cluster run sends in bulk (a window's messages, a member's result) as CBOR, and
 * cuts it into chunks small enough for one Artery frame.
 */
final class Cbor {

  private static final ObjectMapper MAPPER = new ObjectMapper(new CBORFactory());

  private Cbor() {}

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  static <T> T read(byte[] bytes, TypeReference<T> type) {
    try {
      return MAPPER.readValue(bytes, type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode a " + type.getType().getTypeName() + " from another member", e);
    }
  }

  static <T> T read(byte[] bytes, Class<T> type) {
    try {
      return MAPPER.readValue(bytes, type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode a " + type.getSimpleName() + " from another member", e);
    }
  }

  /** {@code bytes} in chunks of at most {@code size}: at least one, empty if {@code bytes} is. */
  static List<byte[]> split(byte[] bytes, int size) {
    List<byte[]> chunks = new ArrayList<>();
    for (int from = 0; from < bytes.length; from += size) {
      chunks.add(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + size)));
    }
    if (chunks.isEmpty()) {
      chunks.add(new byte[0]);
    }
    return chunks;
  }

  /** The chunks put back together, in order. */
  static byte[] join(byte[][] chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] chunk : chunks) {
      out.writeBytes(chunk);
    }
    return out.toByteArray();
  }
}
