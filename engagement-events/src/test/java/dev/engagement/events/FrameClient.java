package dev.engagement.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A WebSocket client for frame-level tests, on the JDK's {@link java.net.http.WebSocket}: records
 * every frame it receives, in order, and the close. Pings ({@code 2}) are not answered unless
 * the test does it.
 */
final class FrameClient implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(10);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** A received frame: text, binary, or the close (code, or -1 when the connection broke). */
  record Frame(@Nullable String text, byte @Nullable [] binary, int closeCode) {
    boolean isClose() {
      return text == null && binary == null;
    }

    @Override
    public String toString() {
      if (text != null) {
        return "text " + text;
      }
      return binary != null ? "binary " + Arrays.toString(binary) : "close " + closeCode;
    }
  }

  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private volatile boolean paused;
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final WebSocket ws;

  private FrameClient(URI uri, Map<String, String> headers) {
    StringBuilder text = new StringBuilder();
    List<byte[]> binary = new ArrayList<>();
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              frames.add(new Frame(text.toString(), null, 0));
              text.setLength(0);
            }
            if (!paused) {
              webSocket.request(1);
            }
            return null;
          }

          @Override
          public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.add(b);
            if (last) {
              int n = binary.stream().mapToInt(x -> x.length).sum();
              byte[] all = new byte[n];
              int at = 0;
              for (byte[] x : binary) {
                System.arraycopy(x, 0, all, at, x.length);
                at += x.length;
              }
              binary.clear();
              frames.add(new Frame(null, all, 0));
            }
            if (!paused) {
              webSocket.request(1);
            }
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            frames.add(new Frame(null, null, statusCode));
            closed.complete(statusCode);
            return null;
          }

          @Override
          public void onError(WebSocket webSocket, Throwable error) {
            frames.add(new Frame(null, null, -1));
            closed.complete(-1);
          }
        };
    WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
    headers.forEach(builder::header);
    this.ws = builder.buildAsync(uri, listener).join();
  }

  /** Returns the HTTP status of a refused handshake, or 101 if it succeeded (and closes). */
  static int handshakeStatus(URI uri, Map<String, String> headers) {
    FrameClient c;
    try {
      c = new FrameClient(uri, headers);
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        return h.getResponse().statusCode();
      }
      throw e;
    }
    c.close();
    return 101;
  }

  /** Connects; throws {@link CompletionException} if the handshake fails. */
  static FrameClient connect(URI uri) {
    return new FrameClient(uri, Map.of());
  }

  /**
   * Stops reading: frames stay in the network buffers, as with a client that cannot keep up.
   */
  void pause() {
    paused = true;
  }

  /** Reads again after {@link #pause}. */
  void resume() {
    paused = false;
    ws.request(1);
  }

  /** Returns the frames received so far and not taken. */
  int pending() {
    return frames.size();
  }

  /** Connects, reads the open packet and joins the main namespace; returns the socket's 40. */
  static FrameClient joined(int port) throws InterruptedException {
    FrameClient c = connect(TestContainer.ws(port));
    c.nextText(); // 0{...}
    c.send("40");
    return c;
  }

  /** Returns the next frame. */
  Frame next() throws InterruptedException {
    return next(WAIT);
  }

  /** Returns the next frame, failing after {@code wait}. */
  Frame next(Duration wait) throws InterruptedException {
    Frame f = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    if (f == null) {
      throw new AssertionError("no frame within " + wait);
    }
    return f;
  }

  /** Returns the next frame, or null if none comes within {@code wait}. */
  @Nullable Frame poll(Duration wait) throws InterruptedException {
    return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Returns the next frame, which must be text. */
  String nextText() throws InterruptedException {
    Frame f = next();
    if (f.text() == null) {
      throw new AssertionError("expected a text frame but got " + f);
    }
    return f.text();
  }

  /** Returns the next text frame that is not a ping, answering pings with pongs. */
  String nextMessage() throws InterruptedException {
    for (;;) {
      String t = nextText();
      if (!t.equals("2")) {
        return t;
      }
      send("3");
    }
  }

  /** Sends a text frame. */
  void send(String text) {
    ws.sendText(text, true).join();
  }

  /** Sends a binary frame. */
  void sendBinary(byte[] data) {
    ws.sendBinary(ByteBuffer.wrap(data), true).join();
  }

  /** Waits for the server to close; returns the close code (-1 if the connection broke). */
  int awaitClose(Duration wait) throws Exception {
    return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Returns whether the server closed the connection. */
  boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    if (!ws.isOutputClosed()) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(t -> null);
    }
    ws.abort();
  }
}
