package dev.engagement.cache.internal.jcache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * <p>Thread-safe: immutable.
 */
public final class Codec {
  private static final byte STRING = 'S';
  private static final byte BYTES = 'B';
  private static final byte JAVA = 'J';

  private final ClassLoader classLoader;

  /** Returns a codec resolving classes through a class loader. */
  public Codec(ClassLoader classLoader) {
    this.classLoader = classLoader;
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

  /** Returns the object of some bytes made by {@link #encode}. */
  public Object decode(byte[] bytes) {
    if (bytes.length == 0) {
      throw new CacheException("an empty stored value");
    }
    switch (bytes[0]) {
      case STRING:
        return new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
      case BYTES:
        return Arrays.copyOfRange(bytes, 1, bytes.length);
      case JAVA:
        try (ObjectInputStream in =
            new LoaderObjectInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1), classLoader)) {
          return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
          throw new CacheException("cannot read a stored value: " + e, e);
        }
      default:
        throw new CacheException("a stored value of an unknown kind (" + bytes[0] + ")");
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
