package dev.engagement.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of {@code socketio-fixture}: the official suite's application answers as the suite
 * expects (its full run is documented in the README).
 */
final class SocketIoFixtureCommandTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Collects text frames and marks binary ones as {@code <binary n>}; answers pings. */
  private static final class Frames implements WebSocket.Listener {
    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String t = text.toString();
        text.setLength(0);
        if (t.equals("2")) {
          ws.sendText("3", true);
        } else {
          frames.add(t);
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      frames.add("<binary " + data.remaining() + ">");
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      frames.add("<close " + statusCode + ">");
      return null;
    }

    String next() throws InterruptedException {
      String f = frames.poll(10, TimeUnit.SECONDS);
      if (f == null) {
        throw new AssertionError("no frame within 10 s");
      }
      return f;
    }
  }

  @Test
  void servesTheSuitesApplication() throws Exception {
    try (SocketIoFixtureCommand.Running fixture = SocketIoFixtureCommand.start(0)) {
      String base = "127.0.0.1:" + fixture.port() + "/socket.io/";
      Frames f = new Frames();
      WebSocket ws =
          HTTP.newWebSocketBuilder()
              .buildAsync(URI.create("ws://" + base + "?EIO=4&transport=websocket"), f)
              .join();
      try {
        assertThat(f.next())
            .startsWith("0{\"sid\":")
            .endsWith(",\"upgrades\":[],\"pingInterval\":300,\"pingTimeout\":200,\"maxPayload\":1000000}");
        ws.sendText("40{\"token\":\"123\"}", true).join();
        assertThat(f.next()).startsWith("40{\"sid\":");
        assertThat(f.next()).isEqualTo("42[\"auth\",{\"token\":\"123\"}]");
        ws.sendText("40/custom,", true).join();
        assertThat(f.next()).startsWith("40/custom,{\"sid\":");
        assertThat(f.next()).isEqualTo("42/custom,[\"auth\",{}]");
        ws.sendText("42[\"message\",1,\"2\",{\"3\":[true]}]", true).join();
        assertThat(f.next()).isEqualTo("42[\"message-back\",1,\"2\",{\"3\":[true]}]");
        ws.sendText("42456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]", true).join();
        assertThat(f.next()).isEqualTo("43456[1,\"2\",{\"3\":[false]}]");
        ws.sendText("452-[\"message\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", true).join();
        ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
        ws.sendBinary(ByteBuffer.wrap(new byte[] {4, 5, 6}), true).join();
        assertThat(f.next())
            .isEqualTo("452-[\"message-back\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        assertThat(f.next()).isEqualTo("<binary 3>");
        assertThat(f.next()).isEqualTo("<binary 3>");
        ws.sendText("40/random", true).join();
        assertThat(f.next()).isEqualTo("44/random,{\"message\":\"Invalid namespace\"}");
      } finally {
        ws.abort();
      }

      for (String method : new String[] {"GET", "POST", "PUT"}) {
        HttpResponse<String> r =
            HTTP.send(
                HttpRequest.newBuilder(URI.create("http://" + base + "?EIO=4&transport=polling"))
                    .method(method, HttpRequest.BodyPublishers.ofString("1"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method).isEqualTo(400);
      }
      try {
        HTTP.newWebSocketBuilder()
            .buildAsync(URI.create("ws://" + base + "?EIO=3&transport=websocket"), new Frames())
            .join()
            .abort();
        throw new AssertionError("an EIO=3 handshake was accepted");
      } catch (CompletionException e) {
        assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(400);
      }
    }
  }

  @Test
  void refusesABadPort() {
    java.io.StringWriter err = new java.io.StringWriter();
    int code =
        EngagementCli.run(
            new String[] {"socketio-fixture", "--port", "70000"},
            new java.io.PrintWriter(new java.io.StringWriter(), true),
            new java.io.PrintWriter(err, true));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("engagement: --port must be between 0 and 65535");
  }

  @Test
  void removesItsTemporaryFolderWhenStoppedWithSigterm(@TempDir Path temp) throws Exception {
    Path tmp = Files.createDirectories(temp.resolve("tmp"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process fixture =
        new ProcessBuilder(
                java, "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                "dev.engagement.examples.EngagementCli", "socketio-fixture", "--port", "0")
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(fixture.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<String> started =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  for (String l = lines.readLine(); l != null; l = lines.readLine()) {
                    if (l.startsWith("Socket.IO fixture on ")) {
                      return l;
                    }
                  }
                  return "(the fixture exited)";
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      String line = started.get(60, TimeUnit.SECONDS);
      Matcher m = Pattern.compile("Socket.IO fixture on http://127.0.0.1:(\\d+)/socket.io/ .*").matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      // it serves, from its temporary folder
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + "/socket.io/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(fixtureFolders(tmp)).hasSize(1);

      fixture.destroy(); // SIGTERM
      assertThat(fixture.waitFor(60, TimeUnit.SECONDS)).as("the fixture stops").isTrue();
      assertThat(fixture.exitValue()).isEqualTo(128 + 15);
      assertThat(fixtureFolders(tmp)).isEmpty();
    } finally {
      fixture.destroyForcibly();
    }
  }

  private static List<Path> fixtureFolders(Path tmp) throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.filter(p -> p.getFileName().toString().startsWith("engagement-socketio-fixture")).toList();
    }
  }
}
