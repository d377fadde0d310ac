package dev.engagement.cache.internal.memcached;

import dev.engagement.cache.internal.BuiltInOpener;
import dev.engagement.cache.internal.CacheOpener;
import dev.engagement.cache.internal.OpenSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.auth.AuthInfo;
import net.rubyeye.xmemcached.command.BinaryCommandFactory;

/**
 * Opens a memcached cache: an xmemcached client of the cache's own (binary protocol; SASL PLAIN
 * when a user is given), behind {@link MemcachedCachingProvider}, named explicitly. Stateless and
 * thread-safe.
 */
public final class MemcachedOpener implements CacheOpener {
  /** The default operation time-out, in milliseconds. */
  static final int DEFAULT_OP_TIMEOUT = 2000;

  @Override
  public Cache<String, byte[]> open(OpenSpec spec) {
    String prefix = spec.keyPrefix();
    for (char c : prefix.toCharArray()) {
      if (c <= 0x20 || c >= 0x7f) {
        throw new dev.engagement.cache.CacheConfigurationException(
            "CACHE_KEY_PREFIX of a memcached cache must be printable ASCII without spaces but was \"" + prefix + "\"");
      }
    }
    if (prefix.length() > 100) {
      throw new dev.engagement.cache.CacheConfigurationException(
          "CACHE_KEY_PREFIX of a memcached cache must be at most 100 characters");
    }
    MemcachedCacheConfiguration<String, byte[]> c = new MemcachedCacheConfiguration<>();
    c.setTypes(String.class, byte[].class);
    c.setExpiryPolicyFactory(spec.expiryPolicy());
    c.setStore(() -> store(spec));
    c.setClock(spec.clock());
    CacheManager manager = BuiltInOpener.manager(MemcachedCachingProvider.class.getName(), spec);
    try {
      return manager.createCache(spec.cacheName(), c);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  private static MemcachedStore store(OpenSpec spec) {
    List<InetSocketAddress> servers = new ArrayList<>();
    for (String a : spec.addresses()) {
      int colon = a.lastIndexOf(':');
      String host = a.substring(0, colon).replace("[", "").replace("]", "");
      servers.add(new InetSocketAddress(host, Integer.parseInt(a.substring(colon + 1))));
    }
    XMemcachedClientBuilder builder = new XMemcachedClientBuilder(servers);
    builder.setCommandFactory(new BinaryCommandFactory());
    builder.setConnectionPoolSize(spec.poolSize() > 0 ? spec.poolSize() : 1);
    builder.setConnectTimeout(spec.connectTimeoutMillis() > 0 ? spec.connectTimeoutMillis() : 2000);
    builder.setOpTimeout(spec.timeoutMillis() > 0 ? spec.timeoutMillis() : DEFAULT_OP_TIMEOUT);
    builder.setFailureMode(false);
    if (spec.username() != null && spec.password() != null) {
      for (InetSocketAddress server : servers) {
        // xmemcached finds a connection's credentials by the connection's host string, which may
        // be the server's name or its address: register them under each
        for (InetSocketAddress alias : aliases(server)) {
          builder.addAuthInfo(alias, AuthInfo.plain(spec.username(), spec.password()));
        }
      }
    }
    MemcachedClient client;
    try {
      client = builder.build();
    } catch (IOException e) {
      throw new CacheException(spec.typeName() + " cannot connect to " + spec.addresses() + ": " + e, e);
    }
    client.setOpTimeout(spec.timeoutMillis() > 0 ? spec.timeoutMillis() : DEFAULT_OP_TIMEOUT);
    return new MemcachedStore(
        spec.typeName(),
        String.join(",", spec.addresses()),
        client,
        spec.keyPrefix(),
        spec.timeoutMillis() > 0 ? spec.timeoutMillis() : DEFAULT_OP_TIMEOUT,
        spec.spread(),
        spec.chunkSize(),
        spec.maxChunks(),
        spec.clock());
  }

  private static Set<InetSocketAddress> aliases(InetSocketAddress server) {
    Set<InetSocketAddress> all = new LinkedHashSet<>();
    all.add(server);
    int port = server.getPort();
    all.add(InetSocketAddress.createUnresolved(server.getHostString(), port));
    InetAddress a = server.getAddress();
    if (a != null) {
      all.add(InetSocketAddress.createUnresolved(a.getHostAddress(), port));
      all.add(InetSocketAddress.createUnresolved(a.getHostName(), port));
      all.add(InetSocketAddress.createUnresolved(a.getCanonicalHostName(), port));
    }
    return all;
  }
}
