package dev.engagement.examples.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTML for the pages: escaping, and templates from this package's {@code pages/} resources with
 * {@code {{name}}} slots. Values put into slots must already be HTML (escape text first).
 * Thread-safe.
 */
final class Html {
  private static final Map<String, String> TEMPLATES = new ConcurrentHashMap<>();

  private Html() {}

  /** Escapes text for an element's content or a quoted attribute. */
  static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Returns a template with its slots filled; a slot without a value is left empty. */
  static String render(String template, Map<String, String> values) {
    String t = TEMPLATES.computeIfAbsent(template, Html::load);
    StringBuilder out = new StringBuilder(t.length() + 1024);
    int i = 0;
    while (true) {
      int open = t.indexOf("{{", i);
      if (open < 0) {
        out.append(t, i, t.length());
        return out.toString();
      }
      int close = t.indexOf("}}", open);
      if (close < 0) {
        throw new IllegalStateException("unclosed slot in " + template);
      }
      out.append(t, i, open);
      String v = values.get(t.substring(open + 2, close).strip());
      out.append(v == null ? "" : v);
      i = close + 2;
    }
  }

  private static String load(String name) {
    try (InputStream in = Html.class.getResourceAsStream("pages/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing page template " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
