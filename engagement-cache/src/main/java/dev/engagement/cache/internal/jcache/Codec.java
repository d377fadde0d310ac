package dev.engagement.cache.internal.jcache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.cache.CacheException;

/**
 * Turns keys and values into bytes and back: strings as UTF-8 and byte arrays as they are (each
 * behind a one-byte tag), anything else with Java serialisation, resolving classes through the
 * cache's class loader. A round trip is how the cache stores by value.
 *
 * <p>Stored bytes come back from outside the process, so decoding trusts nothing: a cache whose
 * keys or values are declared as {@code String} or {@code byte[]} reads only that tag (a byte
 * array is never handed to an {@link ObjectInputStream}, whatever its tag says), and anything
 * read with Java serialisation goes through a {@link SerialFilter}. Bytes that cannot be read
 * are an {@link UnreadableException}.
 *
 * <p>Thread-safe: immutable.
 */
public final class Codec {
  private static final byte STRING = 'S';
  private static final byte BYTES = 'B';
  private static final byte JAVA = 'J';

  private final ClassLoader classLoader;
  private final Class<?> keyType;
  private final Class<?> valueType;
  private final SerialFilter filter;

  /**
   * Returns a codec.
   *
   * @param classLoader the loader classes are resolved through
   * @param keyType the cache's key type ({@code Object} for any)
   * @param valueType the cache's value type ({@code Object} for any)
   * @param filter what Java serialisation may read
   */
  public Codec(ClassLoader classLoader, Class<?> keyType, Class<?> valueType, SerialFilter filter) {
    this.classLoader = classLoader;
    this.keyType = keyType;
    this.valueType = valueType;
    this.filter = filter;
  }

  /** Thrown when stored bytes cannot be read: damaged, of another kind, or refused by the filter. */
  public static final class UnreadableException extends CacheException {
    private static final long serialVersionUID = 1L;

    UnreadableException(String message) {
      super(message);
    }

    UnreadableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Returns the bytes of an object. */
  public byte[] encode(Object o) {
    if (o instanceof String s) {
      return tagged(STRING, s.getBytes(StandardCharsets.UTF_8));
    }
    if (o instanceof byte[] b) {
      return tagged(BYTES, b);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(JAVA);
    try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
      oos.writeObject(o);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException(
          "cannot store a " + o.getClass().getName() + ": it is not Serializable", e);
    } catch (IOException e) {
      throw new CacheException("cannot serialise a " + o.getClass().getName() + ": " + e, e);
    }
    return out.toByteArray();
  }

  /**
   * Returns the key of some bytes made by {@link #encode}.
   *
   * @throws UnreadableException if they cannot be read as a key of this cache
   */
  public Object decodeKey(byte[] bytes) {
    return decode(bytes, keyType, "key");
  }

  /**
   * Returns the value of some bytes made by {@link #encode}.
   *
   * @throws UnreadableException if they cannot be read as a value of this cache
   */
  public Object decodeValue(byte[] bytes) {
    return decode(bytes, valueType, "value");
  }

  private Object decode(byte[] bytes, Class<?> type, String what) {
    if (bytes.length == 0) {
      throw new UnreadableException("an empty stored " + what);
    }
    byte tag = bytes[0];
    // a cache of strings or byte arrays reads only that tag: nothing else is ever decoded for it
    if (type == String.class && tag != STRING || type == byte[].class && tag != BYTES) {
      throw new UnreadableException(
          "a stored " + what + " of the wrong kind (tag " + tag + ") in a cache of " + type.getSimpleName() + " " + what + "s");
    }
    switch (tag) {
      case STRING:
        return new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
      case BYTES:
        return Arrays.copyOfRange(bytes, 1, bytes.length);
      case JAVA:
        return deserialize(bytes, what);
      default:
        throw new UnreadableException("a stored " + what + " of an unknown kind (tag " + tag + ")");
    }
  }

  private Object deserialize(byte[] bytes, String what) {
    SerialFilter.Stream f = filter.newFilter(bytes.length);
    try (LoaderObjectInputStream in =
        new LoaderObjectInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1), classLoader)) {
      in.setObjectInputFilter(f);
      return in.readObject();
    } catch (InvalidClassException e) {
      String refusal = f.refusal();
      if (refusal != null) {
        throw new UnreadableException("a stored " + what + " refused by the serialisation filter: " + refusal, e);
      }
      throw new UnreadableException("cannot read a stored " + what + ": " + e, e);
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      String refusal = f.refusal();
      throw new UnreadableException(
          refusal != null
              ? "a stored " + what + " refused by the serialisation filter: " + refusal
              : "cannot read a stored " + what + ": " + e,
          e);
    }
  }

  private static byte[] tagged(byte tag, byte[] b) {
    byte[] out = new byte[b.length + 1];
    out[0] = tag;
    System.arraycopy(b, 0, out, 1, b.length);
    return out;
  }

  /** Resolves classes through a given loader first, as JCache requires of store-by-value. */
  private static final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      try {
        return Class.forName(desc.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
    }
  }
}
