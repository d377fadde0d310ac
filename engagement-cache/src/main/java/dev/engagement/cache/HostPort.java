package dev.engagement.cache;

/** A server's host and port. Immutable. */
record HostPort(String host, int port) {
  static HostPort parse(String key, String s, int defaultPort) {
    String t = s.trim();
    String host = t;
    int port = defaultPort;
    int colon = t.lastIndexOf(':');
    if (t.startsWith("[")) {
      int end = t.indexOf(']');
      if (end < 0) {
        throw new CacheConfigurationException(key + ": \"" + s + "\" is not host:port");
      }
      host = t.substring(1, end);
      if (end + 1 < t.length()) {
        port = port(key, s, t.substring(end + 2));
      }
    } else if (colon > 0 && t.indexOf(':') == colon) {
      host = t.substring(0, colon);
      port = port(key, s, t.substring(colon + 1));
    }
    if (host.isBlank()) {
      throw new CacheConfigurationException(key + ": \"" + s + "\" has no host");
    }
    return new HostPort(host, port);
  }

  private static int port(String key, String s, String p) {
    try {
      int v = Integer.parseInt(p);
      if (v >= 1 && v <= 65535) {
        return v;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new CacheConfigurationException(key + ": \"" + s + "\" has no valid port");
  }

  @Override
  public String toString() {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }
}
