package dev.engagement.examples.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks Redis URLs early (the clients check them again) and shows them without their password. */
final class RedisUrls {
  private RedisUrls() {}

  /**
   * Checks that a URL is {@code redis://} or {@code rediss://} with a host.
   *
   * @param url the URL
   * @param what what it is, for the message
   * @throws IllegalArgumentException naming the problem (the URL shown without its password)
   */
  static void check(String url, String what) {
    URI u;
    try {
      u = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(what + " is not a URL: " + safe(url), e);
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      throw new IllegalArgumentException(what + " must start with redis:// or rediss:// but was " + safe(url));
    }
    if (u.getHost() == null) {
      throw new IllegalArgumentException(what + " has no host: " + safe(url));
    }
  }

  /** Returns a URL without the password in its user information, for logs and pages. */
  static String safe(String url) {
    int scheme = url.indexOf("://");
    int at = url.lastIndexOf('@');
    if (scheme < 0 || at < scheme) {
      return url;
    }
    String info = url.substring(scheme + 3, at);
    int colon = info.indexOf(':');
    String user = colon < 0 ? "" : info.substring(0, colon);
    return url.substring(0, scheme + 3) + user + (colon < 0 && info.isEmpty() ? "" : ":***") + url.substring(at);
  }
}
