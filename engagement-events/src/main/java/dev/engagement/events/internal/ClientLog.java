package dev.engagement.events.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Where the {@code log} events of clients go: {@code 42["log",{"level":"info","message":"..."}]},
 * as the original page sends them, becomes one SLF4J line at that level.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface ClientLog {
  /** The longest client message written, in characters; the rest is cut. */
  int MAX_MESSAGE = 4000;

  /** Writes to SLF4J, logger {@code dev.engagement.events.ClientLog}. */
  ClientLog SLF4J =
      new ClientLog() {
        private final Logger logger = LoggerFactory.getLogger("dev.engagement.events.ClientLog");

        @Override
        public void log(Level level, String socketId, String message) {
          logger.atLevel(level).log("[client {}] {}", socketId, message);
        }
      };

  /**
   * Writes one client message at a level.
   *
   * @param level the level
   * @param socketId the client's socket id
   * @param message the message, already cleaned: one line, no control or bidi characters
   */
  void log(Level level, String socketId, String message);

  /**
   * Handles a {@code log} event's arguments; returns false if they are not the expected {@code
   * {level, message}} object.
   */
  static boolean handle(ClientLog sink, String socketId, List<JsonNode> args) {
    if (args.isEmpty() || !args.get(0).isObject()) {
      return false;
    }
    JsonNode o = args.get(0);
    JsonNode msg = o.get("message");
    if (msg == null || msg.isNull()) {
      return false;
    }
    String text = msg.isTextual() ? msg.textValue() : msg.toString();
    JsonNode lv = o.get("level");
    String levelName = lv != null && lv.isTextual() ? lv.textValue() : "info";
    Level level = level(levelName);
    if (level == null) {
      level = Level.INFO;
      text = "(level " + clean(levelName, 40) + ") " + text;
    }
    sink.log(level, socketId, clean(text));
    return true;
  }

  /** Returns the SLF4J level for a level name of Python's logging or the browser's console. */
  static @Nullable Level level(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "trace" -> Level.TRACE;
      case "debug", "log" -> Level.DEBUG;
      case "info", "notset" -> Level.INFO;
      case "warn", "warning" -> Level.WARN;
      case "error", "critical", "fatal", "exception" -> Level.ERROR;
      default -> null;
    };
  }

  /** Cleans a client's text for the log, cut at {@link #MAX_MESSAGE} characters. */
  static String clean(String text) {
    return clean(text, MAX_MESSAGE);
  }

  /**
   * Keeps a client's text on one log line, bounded and unable to disguise itself: line breaks
   * become {@code \n} and {@code \r}, a tab a space; every other control character (C0, DEL, C1),
   * format character (the bidi embeddings, overrides and isolates such as U+202E, marks such as
   * U+200E, zero-width characters), line and paragraph separator (U+2028, U+2029) and lone
   * surrogate is removed. Text longer than {@code max} characters is cut (never inside a
   * surrogate pair) and ends with {@code ...}.
   */
  static String clean(String text, int max) {
    int end = text.length();
    boolean cut = false;
    if (end > max) {
      end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
      cut = true;
    }
    StringBuilder sb = new StringBuilder(end + 3);
    for (int i = 0; i < end; ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append(' ');
        default -> {
          if (!invisible(cp)) {
            sb.appendCodePoint(cp);
          }
        }
      }
    }
    return cut ? sb.append("...").toString() : sb.toString();
  }

  /** Returns whether a code point is removed from client text (see {@link #clean(String, int)}). */
  static boolean invisible(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE -> true;
      default -> false;
    };
  }
}
