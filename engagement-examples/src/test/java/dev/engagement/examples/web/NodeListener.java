package dev.engagement.examples.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engagement.core.testing.MissingServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A page's Socket.IO connection made by the stock socket.io-client in Node ({@code
 * src/test/node-web/listen.mjs}), in a process of its own: its socket id, and the {@code message}
 * events it receives, in order.
 */
final class NodeListener implements AutoCloseable {
  static final Path NODE_DIR = Path.of(System.getProperty("engagement.node.web.dir", "src/test/node-web"));
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
  final String sid;

  private NodeListener(Process process) throws IOException, InterruptedException {
    this.process = process;
    Thread reader = new Thread(this::read, "node-listener-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    JsonNode first = lines.poll(60, TimeUnit.SECONDS);
    if (first == null || !first.path("event").asText().equals("connect")) {
      process.destroyForcibly();
      throw new AssertionError("socket.io-client did not connect: " + first);
    }
    sid = first.get("sid").asText();
  }

  /** Skips the test (fails it in CI) when Node or the client is missing. */
  static void needed() {
    if (!Files.isDirectory(NODE_DIR.resolve("node_modules/socket.io-client"))) {
      MissingServer.skipOrFail("socket.io-client is not installed in " + NODE_DIR.toAbsolutePath() + ": run .ci/setup");
    }
  }

  /** Connects the stock client to a server. */
  static NodeListener connect(String url) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("node", "listen.mjs", url)
            .directory(NODE_DIR.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    return new NodeListener(p);
  }

  private void read() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        lines.add(JSON.readTree(l));
      }
    } catch (IOException e) {
      lines.add(JSON.createObjectNode().put("event", "read-failed").put("error", e.toString()));
    }
  }

  /** Returns the messages ({type, detail}) that arrive until one of type {@code type} (included). */
  List<JsonNode> until(String type, int seconds) throws InterruptedException {
    List<JsonNode> out = new ArrayList<>();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      JsonNode l = lines.poll(200, TimeUnit.MILLISECONDS);
      if (l == null) {
        continue;
      }
      if (!l.path("event").asText().equals("message")) {
        throw new AssertionError("the client said " + l + " after " + out);
      }
      JsonNode m = l.get("message");
      out.add(m);
      if (m.path("type").asText().equals(type)) {
        return out;
      }
    }
    throw new AssertionError("no " + type + " message within " + seconds + " s; got " + out);
  }

  /** Returns what arrived so far and was not read. */
  List<JsonNode> drain() {
    List<JsonNode> out = new ArrayList<>();
    lines.drainTo(out);
    return out;
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
