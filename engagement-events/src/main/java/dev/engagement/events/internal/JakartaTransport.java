package dev.engagement.events.internal;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link Transport} over a Jakarta WebSocket {@link Session}'s async remote. */
final class JakartaTransport implements Transport {
  private static final Logger logger = LoggerFactory.getLogger(JakartaTransport.class);

  private final Session session;

  JakartaTransport(Session session) {
    this.session = session;
  }

  @Override
  public void sendText(String text, Consumer<@Nullable Throwable> done) {
    try {
      session.getAsyncRemote().sendText(text, result -> done.accept(failure(result)));
    } catch (RuntimeException e) {
      done.accept(e);
    }
  }

  @Override
  public void sendBinary(ByteBuffer data, Consumer<@Nullable Throwable> done) {
    try {
      session.getAsyncRemote().sendBinary(data, result -> done.accept(failure(result)));
    } catch (RuntimeException e) {
      done.accept(e);
    }
  }

  private static @Nullable Throwable failure(SendResult result) {
    if (result.isOK()) {
      return null;
    }
    Throwable t = result.getException();
    return t != null ? t : new IOException("send failed");
  }

  @Override
  public void close(int code, String reason) {
    try {
      if (session.isOpen()) {
        session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), fit(reason)));
      }
    } catch (IOException | RuntimeException e) {
      logger.debug("Closing WebSocket session {} failed", session.getId(), e);
    }
  }

  /** Cuts a close reason to the 123 bytes of UTF-8 a close frame can carry. */
  static String fit(String reason) {
    if (reason.getBytes(StandardCharsets.UTF_8).length <= 123) {
      return reason;
    }
    StringBuilder sb = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < reason.length(); ) {
      int cp = reason.codePointAt(i);
      int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + n > 120) {
        break;
      }
      sb.appendCodePoint(cp);
      bytes += n;
      i += Character.charCount(cp);
    }
    return sb.append("...").toString();
  }
}
