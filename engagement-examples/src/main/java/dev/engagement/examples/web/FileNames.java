package dev.engagement.examples.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns the file names a browser sends ({@code folder/name.docx} from a folder picker, anything
 * from a hostile client) into safe relative paths inside an upload folder: separators are
 * {@code /} (a {@code \} counts as one), {@code ..}, {@code .}, empty parts, drive letters and a
 * leading {@code /} are dropped, control and bidirectional-override characters removed, each part
 * trimmed of spaces and trailing dots and kept under 200 characters (its extension kept), at most
 * 16 folders deep; two names that would be the same file (ignoring case) get {@code (2)},
 * {@code (3)}... before the extension.
 *
 * <p>Not thread-safe: one per upload.
 */
final class FileNames {
  static final int MAX_PART = 200;
  static final int MAX_DEPTH = 16;

  private final Set<String> used = new HashSet<>();

  /** Returns the safe relative path for a submitted name, unique within this upload. */
  String place(@Nullable String submitted) {
    String base = clean(submitted);
    String candidate = base;
    int n = 2;
    while (!used.add(candidate.toLowerCase(Locale.ROOT))) {
      candidate = numbered(base, n++);
    }
    return candidate;
  }

  /** Returns a safe relative path for a name, without the clash check. */
  static String clean(@Nullable String submitted) {
    String s = submitted == null ? "" : submitted;
    StringBuilder kept = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || isBidiControl(c) || c == 0xFEFF
          || c == 0xFFFE || c == 0xFFFF) {
        continue;
      }
      kept.append(c == '\\' ? '/' : c);
    }
    List<String> parts = new ArrayList<>();
    String[] split = kept.toString().split("/");
    for (int i = 0; i < split.length; i++) {
      String part = split[i].strip();
      if (i == 0 && part.matches("[A-Za-z]:.*")) {
        part = part.substring(2).strip();
      }
      while (part.endsWith(".")) {
        part = part.substring(0, part.length() - 1).strip();
      }
      if (part.isEmpty()) {
        continue;
      }
      parts.add(shorten(part));
    }
    if (parts.isEmpty()) {
      return "unnamed";
    }
    if (parts.size() > MAX_DEPTH) {
      parts = parts.subList(parts.size() - MAX_DEPTH, parts.size());
    }
    return String.join("/", parts);
  }

  private static boolean isBidiControl(char c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
        || c == 0x061C;
  }

  private static String shorten(String part) {
    if (part.length() <= MAX_PART) {
      return part;
    }
    int dot = part.lastIndexOf('.');
    String ext = dot > 0 && part.length() - dot <= 10 ? part.substring(dot) : "";
    return part.substring(0, MAX_PART - ext.length()).strip() + ext;
  }

  private static String numbered(String path, int n) {
    int slash = path.lastIndexOf('/');
    String folder = path.substring(0, slash + 1);
    String name = path.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0
        ? folder + name.substring(0, dot) + " (" + n + ")" + name.substring(dot)
        : folder + name + " (" + n + ")";
  }
}
