package dev.engagement.examples.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the web tests send: pages, multipart uploads built by hand, and a Socket.IO client. */
final class WebClient {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final Pattern META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");

  final String base;

  WebClient(String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Returns the CSRF token of a freshly served page. */
  String token() throws IOException, InterruptedException {
    Matcher m = META.matcher(get("/").body());
    if (!m.find()) {
      throw new AssertionError("no csrf-token meta");
    }
    return m.group(1);
  }

  /** A multipart form: text fields and files (a name as the browser would send it, and bytes). */
  static final class Form {
    final String boundary = "----engagement" + UUID.randomUUID().toString().replace("-", "");
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    final Map<String, String> headers = new LinkedHashMap<>();

    Form field(String name, String value) {
      write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
      return this;
    }

    Form file(String field, String filename, byte[] bytes) {
      write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
          + filename.replace("\"", "%22") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
      body.writeBytes(bytes);
      write("\r\n");
      return this;
    }

    Form file(String field, String filename, Path file) throws IOException {
      return file(field, filename, Files.readAllBytes(file));
    }

    Form header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    private void write(String s) {
      body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(body.toByteArray());
      out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return out.toByteArray();
    }
  }

  HttpResponse<String> post(String path, Form form) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofMinutes(3))
            .header("Content-Type", "multipart/form-data; boundary=" + form.boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes()));
    form.headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postJson(String path, String json, String token) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      b.header("X-CSRF-Token", token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> res) throws IOException {
    return JSON.readTree(res.body());
  }

  /** A Socket.IO client over the JDK's WebSocket: joins the main namespace, answers pings. */
  final class Socket implements WebSocket.Listener, AutoCloseable {
    final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<String> control = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    WebSocket ws;
    String sid;

    Socket open(String origin) throws Exception {
      WebSocket.Builder b = HTTP.newWebSocketBuilder();
      if (origin != null) {
        b.header("Origin", origin);
      }
      ws = b.buildAsync(URI.create(base.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"), this)
          .get(20, TimeUnit.SECONDS);
      String open = control.poll(20, TimeUnit.SECONDS);
      if (open == null || !open.startsWith("0{")) {
        throw new AssertionError("no Engine.IO open: " + open);
      }
      ws.sendText("40", true);
      String connect = control.poll(20, TimeUnit.SECONDS);
      if (connect == null || !connect.startsWith("40{")) {
        throw new AssertionError("no namespace connect: " + connect);
      }
      sid = JSON.readTree(connect.substring(2)).get("sid").asText();
      return this;
    }

    @Override
    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String t = text.toString();
        text.setLength(0);
        try {
          if (t.equals("2")) {
            w.sendText("3", true);
          } else if (t.startsWith("42")) {
            JsonNode a = JSON.readTree(t.substring(2));
            if (a.get(0).asText().equals("message")) {
              messages.add(a.get(1));
            }
          } else {
            control.add(t);
          }
        } catch (IOException e) {
          control.add("bad frame " + t);
        }
      }
      w.request(1);
      return null;
    }

    /** Returns the messages that arrive until one of type {@code until} (included), or a timeout. */
    List<JsonNode> until(String type, int seconds) throws InterruptedException {
      List<JsonNode> out = new ArrayList<>();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < end) {
        JsonNode m = messages.poll(200, TimeUnit.MILLISECONDS);
        if (m != null) {
          out.add(m);
          if (m.get("type").asText().equals(type)) {
            return out;
          }
        }
      }
      throw new AssertionError("no " + type + " message within " + seconds + " s; got " + out);
    }

    /** Returns the messages other than {@code csrf} that arrived so far. */
    List<JsonNode> drain() {
      List<JsonNode> out = new ArrayList<>();
      messages.drainTo(out);
      out.removeIf(m -> m.get("type").asText().equals("csrf"));
      return out;
    }

    @Override
    public void close() {
      if (ws != null) {
        ws.abort();
      }
    }
  }

  Socket socket() throws Exception {
    return new Socket().open(base);
  }
}
