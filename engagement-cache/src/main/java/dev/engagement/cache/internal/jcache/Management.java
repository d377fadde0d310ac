package dev.engagement.cache.internal.jcache;

import java.lang.management.ManagementFactory;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** Registers cache beans with the platform MBean server under JCache's object names. */
final class Management {
  private Management() {}

  static void register(Cache<?, ?> cache, String type, Object bean) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = name(cache, type);
    try {
      if (!server.isRegistered(name)) {
        server.registerMBean(bean, name);
      }
    } catch (JMException e) {
      throw new CacheException("cannot register the management bean " + name + ": " + e, e);
    }
  }

  static void unregister(Cache<?, ?> cache, String type) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = name(cache, type);
    try {
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
    } catch (JMException e) {
      throw new CacheException("cannot unregister the management bean " + name + ": " + e, e);
    }
  }

  private static ObjectName name(Cache<?, ?> cache, String type) {
    String manager = safe(cache.getCacheManager().getURI().toString());
    try {
      return new ObjectName(
          "javax.cache:type=" + type + ",CacheManager=" + manager + ",Cache=" + safe(cache.getName()));
    } catch (MalformedObjectNameException e) {
      throw new CacheException("no valid management name for cache " + cache.getName(), e);
    }
  }

  private static String safe(String s) {
    return s.replaceAll(",|:|=|\n", ".");
  }
}
