package dev.engagement.cache.internal.memcached;

import dev.engagement.cache.internal.jcache.DamageLog;
import dev.engagement.cache.internal.jcache.Store;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32;
import javax.cache.CacheException;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.exception.MemcachedException;
import net.rubyeye.xmemcached.transcoders.SerializingTranscoder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entries in memcached. An entry's memcached key is {@code <prefix><generation>:<key>} (the key as
 * it is when it is short printable ASCII, else {@code #} and its SHA-256); its value holds the
 * expiry time, the key and the value, and memcached's own expiry is set to match. {@link #clear()}
 * increments the generation kept under {@code <prefix>__generation}, which leaves the old entries
 * unreachable (memcached drops them as it needs room) and does not touch other prefixes; a
 * missing generation key starts a new generation, so losing it loses entries, never mixes them.
 *
 * <p>Spread (SpreadSASLMemcachedCache): a value is split into chunks stored under {@code
 * <key>.0 ... <key>.N-1}; chunk 0 starts with a header (chunk count, total length, CRC-32), is
 * written last and read first, and any missing or mismatched chunk is a miss.
 *
 * <p>Memcached cannot list keys: {@link #keys()} throws {@link UnsupportedOperationException}.
 * Thread-safe.
 */
final class MemcachedStore implements Store {
  private static final Logger logger = LoggerFactory.getLogger(MemcachedStore.class);
  private static final byte[] ENTRY = {'E', 'G', 'M', '1'};
  private static final byte[] SPREAD = {'E', 'G', 'S', '1'};
  private static final int SPREAD_HEADER = SPREAD.length + 4 + 4 + 4;
  private static final int THIRTY_DAYS = 30 * 24 * 3600;
  /** Memcached's default item size limit, with room for the key and the item header. */
  static final int ITEM_LIMIT = 1024 * 1024 - 512;

  private final String typeName;
  private final String servers;
  private final MemcachedClient client;
  private final String prefix;
  private final long opTimeout;
  private final boolean spread;
  private final int chunkSize;
  private final int maxChunks;
  private final SerializingTranscoder bytes = new SerializingTranscoder(Integer.MAX_VALUE);
  private final Clock clock;
  private final DamageLog damage;

  MemcachedStore(
      String typeName,
      String servers,
      MemcachedClient client,
      String prefix,
      long opTimeout,
      boolean spread,
      int chunkSize,
      int maxChunks,
      Clock clock) {
    this.typeName = typeName;
    this.servers = servers;
    this.client = client;
    this.prefix = prefix;
    this.opTimeout = opTimeout;
    this.spread = spread;
    this.chunkSize = chunkSize;
    this.maxChunks = maxChunks;
    this.clock = clock;
    this.damage = new DamageLog(typeName + " at " + servers + " prefix " + prefix);
    bytes.setCompressionThreshold(Integer.MAX_VALUE);
    if (spread && chunkSize <= SPREAD_HEADER) {
      throw new IllegalArgumentException("chunksize must be more than " + SPREAD_HEADER + " bytes");
    }
  }

  /** A memcached call that may fail. */
  private interface Call<T> {
    T run() throws TimeoutException, InterruptedException, MemcachedException;
  }

  private <T> T call(String what, Call<T> c) {
    try {
      return c.run();
    } catch (TimeoutException e) {
      throw new CacheException(typeName + " at " + servers + " did not answer in time (" + what + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CacheException(typeName + ": interrupted (" + what + ")", e);
    } catch (MemcachedException e) {
      throw new CacheException(typeName + " at " + servers + " failed (" + what + "): " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new CacheException(typeName + " at " + servers + " failed (" + what + "): " + e, e);
    }
  }

  private String generationKey() {
    return prefix + "__generation";
  }

  private String generation() {
    String key = generationKey();
    for (int attempt = 0; attempt < 3; attempt++) {
      Object g = call("read the generation", () -> client.get(key, opTimeout));
      if (g != null) {
        return String.valueOf(g).trim();
      }
      // none yet (or evicted): start a generation no earlier entry used
      String fresh = Long.toString(System.currentTimeMillis());
      boolean added = call("start a generation", () -> client.add(key, 0, fresh, opTimeout));
      if (added) {
        return fresh;
      }
    }
    throw new CacheException(typeName + " at " + servers + ": cannot read or start the key generation");
  }

  /** Returns the memcached key of an entry's key bytes. */
  String memcachedKey(byte[] key) {
    String head = prefix + generation() + ":";
    if (key.length > 1 && key[0] == 'S' && key[1] != '#') {
      boolean plain = true;
      for (int i = 1; i < key.length && plain; i++) {
        plain = key[i] > 0x20 && key[i] < 0x7f;
      }
      String k = head + new String(key, 1, key.length - 1, StandardCharsets.US_ASCII);
      if (plain && k.length() + 3 <= 250) {
        return k;
      }
    }
    return head + "#" + sha256(key);
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private int exptime(long expiresAt) {
    if (expiresAt == NEVER) {
      return 0;
    }
    long seconds = Math.max(1, (expiresAt - clock.millis() + 999) / 1000);
    if (seconds <= THIRTY_DAYS) {
      return (int) seconds;
    }
    // memcached reads more than 30 days as an absolute unix time
    return (int) Math.min(Integer.MAX_VALUE, (expiresAt + 999) / 1000);
  }

  @Override
  public @Nullable Record get(byte[] key) {
    String mk = memcachedKey(key);
    byte[] raw = spread ? readSpread(mk) : readOne(mk);
    if (raw == null) {
      return null;
    }
    if (raw.length < ENTRY.length + 12 || !Arrays.equals(raw, 0, ENTRY.length, ENTRY, 0, ENTRY.length)) {
      damage.unreadable(mk, "not an entry of this library (damaged, or written by something else)");
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(raw);
    b.position(ENTRY.length);
    long expires = b.getLong();
    int keyLength = b.getInt();
    if (keyLength < 0 || keyLength > b.remaining()) {
      damage.unreadable(mk, "a damaged entry (its key length does not fit)");
      return null;
    }
    byte[] storedKey = new byte[keyLength];
    b.get(storedKey);
    if (!Arrays.equals(storedKey, key)) {
      damage.unreadable(mk, "it holds another key (damaged?)");
      return null;
    }
    byte[] value = new byte[b.remaining()];
    b.get(value);
    return new Record(value, expires == 0 ? NEVER : expires);
  }

  private byte @Nullable [] readOne(String mk) {
    Object o = call("get", () -> client.get(mk, opTimeout, bytes));
    return o instanceof byte[] b ? b : null;
  }

  private byte @Nullable [] readSpread(String mk) {
    byte[] first = readOne(mk + ".0");
    if (first == null || first.length < SPREAD_HEADER || !Arrays.equals(first, 0, SPREAD.length, SPREAD, 0, SPREAD.length)) {
      return null;
    }
    ByteBuffer h = ByteBuffer.wrap(first);
    h.position(SPREAD.length);
    int count = h.getInt();
    int total = h.getInt();
    int crc = h.getInt();
    if (count < 1 || count > maxChunks || total < 0) {
      return null;
    }
    ByteBuffer out = ByteBuffer.allocate(total);
    int firstLength = first.length - SPREAD_HEADER;
    if (firstLength > total) {
      return null;
    }
    out.put(first, SPREAD_HEADER, firstLength);
    if (count > 1) {
      List<String> keys = new ArrayList<>();
      for (int i = 1; i < count; i++) {
        keys.add(mk + "." + i);
      }
      Map<String, Object> rest = call("get chunks", () -> client.get(keys, opTimeout, bytes));
      for (String k : keys) {
        Object part = rest == null ? null : rest.get(k);
        if (!(part instanceof byte[] p) || p.length > out.remaining()) {
          logger.debug("{}: chunk {} missing or too long; the entry is a miss", typeName, k);
          return null;
        }
        out.put(p);
      }
    }
    if (out.hasRemaining()) {
      return null;
    }
    CRC32 c = new CRC32();
    c.update(out.array());
    if ((int) c.getValue() != crc) {
      logger.debug("{}: the chunks of {} do not match (written concurrently?); the entry is a miss", typeName, mk);
      return null;
    }
    return out.array();
  }

  @Override
  public void put(byte[] key, byte[] value, long expiresAt) {
    ByteBuffer b = ByteBuffer.allocate(ENTRY.length + 12 + key.length + value.length);
    b.put(ENTRY).putLong(expiresAt == NEVER ? 0 : expiresAt).putInt(key.length).put(key).put(value);
    byte[] raw = b.array();
    String mk = memcachedKey(key);
    int exp = exptime(expiresAt);
    if (spread) {
      writeSpread(mk, raw, exp);
      return;
    }
    if (raw.length > ITEM_LIMIT) {
      throw new CacheException(
          typeName
              + " cannot store a value of "
              + raw.length
              + " bytes: memcached keeps items of at most 1 MiB (use SpreadSASLMemcachedCache, which"
              + " splits large values into chunks)");
    }
    boolean ok = call("set", () -> client.set(mk, exp, raw, bytes, opTimeout));
    if (!ok) {
      throw new CacheException(typeName + " at " + servers + " refused to store an entry of " + raw.length + " bytes");
    }
  }

  private void writeSpread(String mk, byte[] raw, int exp) {
    int firstCapacity = chunkSize - SPREAD_HEADER;
    int count = raw.length <= firstCapacity ? 1 : 1 + (raw.length - firstCapacity + chunkSize - 1) / chunkSize;
    if (count > maxChunks) {
      throw new CacheException(
          typeName
              + " cannot store a value of "
              + raw.length
              + " bytes: that is more than maxchunk ("
              + maxChunks
              + ") chunks of chunksize ("
              + chunkSize
              + ") bytes");
    }
    int oldCount = oldChunkCount(mk);
    // chunks 1..N-1 first, chunk 0 (the header) last: a reader sees the old entry or the new one
    int offset = firstCapacity;
    for (int i = 1; i < count; i++) {
      int len = Math.min(chunkSize, raw.length - offset);
      byte[] part = Arrays.copyOfRange(raw, offset, offset + len);
      offset += len;
      String k = mk + "." + i;
      if (!call("set a chunk", () -> client.set(k, exp, part, bytes, opTimeout))) {
        throw new CacheException(typeName + " at " + servers + " refused to store chunk " + k);
      }
    }
    CRC32 c = new CRC32();
    c.update(raw);
    int firstLength = Math.min(firstCapacity, raw.length);
    ByteBuffer first = ByteBuffer.allocate(SPREAD_HEADER + firstLength);
    first.put(SPREAD).putInt(count).putInt(raw.length).putInt((int) c.getValue()).put(raw, 0, firstLength);
    byte[] f = first.array();
    if (!call("set chunk 0", () -> client.set(mk + ".0", exp, f, bytes, opTimeout))) {
      throw new CacheException(typeName + " at " + servers + " refused to store chunk " + mk + ".0");
    }
    for (int i = count; i < oldCount; i++) {
      String k = mk + "." + i;
      call("delete a surplus chunk", () -> client.delete(k, opTimeout));
    }
  }

  private int oldChunkCount(String mk) {
    byte[] first = readOne(mk + ".0");
    if (first == null || first.length < SPREAD_HEADER || !Arrays.equals(first, 0, SPREAD.length, SPREAD, 0, SPREAD.length)) {
      return 0;
    }
    int n = ByteBuffer.wrap(first).getInt(SPREAD.length);
    return Math.max(0, Math.min(n, maxChunks));
  }

  @Override
  public void touch(byte[] key, long expiresAt) {
    Record r = get(key);
    if (r != null) {
      put(key, r.value(), expiresAt);
    }
  }

  @Override
  public boolean remove(byte[] key) {
    String mk = memcachedKey(key);
    if (!spread) {
      return call("delete", () -> client.delete(mk, opTimeout));
    }
    int count = oldChunkCount(mk);
    boolean removed = call("delete chunk 0", () -> client.delete(mk + ".0", opTimeout));
    for (int i = 1; i < count; i++) {
      String k = mk + "." + i;
      call("delete a chunk", () -> client.delete(k, opTimeout));
    }
    return removed;
  }

  @Override
  public Iterator<byte[]> keys() {
    throw new UnsupportedOperationException(
        typeName
            + " cannot list its entries: memcached has no command to iterate keys, so iterator() and"
            + " removeAll() with listeners or a cache writer are not available (clear() and"
            + " removeAll() without them work)");
  }

  @Override
  public void clear() {
    String key = generationKey();
    generation(); // make sure there is one to increment
    call("start a new generation", () -> client.incr(key, 1, System.currentTimeMillis(), opTimeout));
  }

  @Override
  public void close() {
    try {
      client.shutdown();
    } catch (IOException e) {
      logger.warn("{}: closing the client failed", typeName, e);
    }
  }

  @Override
  public String toString() {
    return typeName + " at " + servers + " prefix " + prefix;
  }
}
