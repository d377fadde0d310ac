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
  /** The longest client message written; the rest is cut. */
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

  /** Writes one client message (already cleaned of line breaks) at a level. */
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
      text = "(level " + levelName + ") " + text;
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

  /** Keeps a client's text on one log line and bounded: line breaks are escaped. */
  static String clean(String text) {
    String t = text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "..." : text;
    StringBuilder sb = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> sb.append(c < 0x20 && c != '\t' ? ' ' : c);
      }
    }
    return sb.toString();
  }
}
