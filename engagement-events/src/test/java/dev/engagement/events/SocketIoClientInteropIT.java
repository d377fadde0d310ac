package dev.engagement.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.engagement.core.Batch;
import dev.engagement.core.ProcessEvent;
import dev.engagement.core.Rollover;
import dev.engagement.core.testing.MissingServer;
import dev.engagement.events.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interop with the real client: a stock socket.io-client (4.4.1, the original page's version,
 * and the current 4.x, installed by {@code .ci/setup} into {@code src/test/node}) connects to
 * each container with {@code transports: ['websocket']}, receives a whole rollover batch's
 * events, checks in Node that they deep-equal what the core emitted, and sends {@code log}.
 *
 * <p>With the environment variable {@code CI} set, a missing Node or missing packages fail the
 * test; elsewhere they skip it with a message saying what to run ({@link MissingServer}).
 */
final class SocketIoClientInteropIT {
  static final Path NODE_DIR = Path.of(System.getProperty("engagement.node.dir", "src/test/node"));
  static final List<String> CLIENTS = List.of("sio441", "sio4");

  @TempDir Path temp;

  @BeforeAll
  static void needsNodeAndTheClients() {
    String missing = null;
    if (!nodeRuns()) {
      missing = "node is not on the PATH";
    } else {
      for (String c : CLIENTS) {
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules").resolve(c))) {
          missing = "the npm package " + c + " is not installed in " + NODE_DIR.toAbsolutePath();
        }
      }
    }
    if (missing != null) {
      MissingServer.skipOrFail(missing + ": run .ci/setup (it runs npm ci in " + NODE_DIR + ")");
    }
  }

  private static boolean nodeRuns() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static Stream<Arguments> containersAndClients() {
    return CLIENTS.stream()
        .flatMap(client -> TestContainer.all().stream().map(c -> Arguments.of(c, client)));
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("containersAndClients")
  void aStockClientReceivesAWholeBatchUnchanged(TestContainer container, String client) throws Exception {
    CountDownLatch ready = new CountDownLatch(1);
    RecordingHandler handler = new RecordingHandler();
    handler.onEvent =
        (socket, event, args, ack) -> {
          if (event.equals("ready")) {
            ready.countDown();
            return true;
          }
          return false;
        };
    RecordingClientLog clientLog = new RecordingClientLog();
    SocketIoServer server =
        SocketIoServer.builder()
            .config(SocketIoConfig.builder().build())
            .handler(handler)
            .clientLog(clientLog)
            .build();
    Path expectedFile = temp.resolve("expected.json");
    try (Deployed d = Deployed.start(container, server, temp)) {
      Process node =
          new ProcessBuilder(
                  "node", "interop.mjs", client, "http://127.0.0.1:" + d.port,
                  expectedFile.toAbsolutePath().toString())
              .directory(NODE_DIR.toFile())
              .redirectErrorStream(true)
              .start();
      CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(node.getInputStream()));
      try {
        if (!ready.await(30, TimeUnit.SECONDS)) {
          node.destroyForcibly();
          throw new AssertionError("the client never said it was ready: " + output.get(10, TimeUnit.SECONDS));
        }
        assertThat(clientLog.next()).matches("INFO interop " + client + " 4\\.\\d+\\.\\d+ connected");

        List<ProcessEvent> emitted = new ArrayList<>();
        Batch.builder()
            .listener(ProcessEvent.listener(emitted::add))
            .listener(SocketIoProcessListener.to(server))
            .build()
            .run(Rollover.ofDefaults(), List.of(Letters.mixed(temp.resolve("in"))), temp.resolve("out"));
        ArrayNode expected = Json.MAPPER.createArrayNode();
        emitted.forEach(e -> expected.add(SocketIoProcessListener.message(e)));
        Files.writeString(expectedFile, Json.MAPPER.writeValueAsString(expected), StandardCharsets.UTF_8);
        server.emit("check");

        assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("the client exits").isTrue();
        String out = output.get(10, TimeUnit.SECONDS);
        assertThat(node.exitValue()).as(out).isZero();
        assertThat(out).contains("OK " + client + " ").contains(" " + emitted.size());
        assertThat(emitted).extracting(ProcessEvent::type)
            .contains("process-start", "processing", "progress", "process-result", "process-error", "complete");
        assertThat(clientLog.next()).isEqualTo("WARN interop " + out.split(" ")[2] + ": " + emitted.size() + " events match");
      } finally {
        node.destroyForcibly();
      }
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(could not read the output: " + e + ")";
    }
  }
}
