package dev.engagement.cache;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The tests' logging provider: records what this library logs (debug and up) and what others log
 * at info and up, and prints warnings and errors to stderr, so tests can assert that swallowed
 * failures are logged (STYLE 32).
 */
public final class RecordingLogs implements SLF4JServiceProvider {
  private static final List<String> EVENTS = new ArrayList<>();

  /**
   * A recorded event: level, logger name, formatted message and the throwable logged with it.
   *
   * @param level the level
   * @param logger the logger's name
   * @param message the formatted message
   * @param thrown the throwable logged with it (a stack trace in a real log), or null
   */
  public record Event(Level level, String logger, String message, @Nullable Throwable thrown) {}

  private static final List<Event> RECORDED = new ArrayList<>();

  /** Returns the events recorded so far. */
  public static synchronized List<Event> events() {
    return List.copyOf(RECORDED);
  }

  /** Forgets the events recorded so far. */
  public static synchronized void clear() {
    RECORDED.clear();
    EVENTS.clear();
  }

  /** Returns the messages of a level recorded so far. */
  public static List<String> messages(Level level) {
    return events().stream().filter(e -> e.level() == level).map(Event::message).toList();
  }

  static synchronized void record(Event e) {
    RECORDED.add(e);
  }

  private final ILoggerFactory factory = RecordingLogger::new;
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  private static final class RecordingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final boolean ours;

    RecordingLogger(String name) {
      this.name = name;
      this.ours = name.startsWith("dev.engagement");
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return ours;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] args, Throwable t) {
      String message = MessageFormatter.basicArrayFormat(pattern, args);
      record(new Event(level, name, message, t));
      if (level == Level.WARN || level == Level.ERROR) {
        System.err.println(level + " " + name + ": " + message + (t == null ? "" : " (" + t + ")"));
      }
    }
  }
}
