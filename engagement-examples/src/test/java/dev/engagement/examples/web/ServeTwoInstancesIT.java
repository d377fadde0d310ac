package dev.engagement.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engagement.core.Rollover;
import dev.engagement.core.testing.LocalRedis;
import dev.engagement.core.testing.MissingServer;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code engagement.jar serve} processes and one {@code redis-server}, all started here on
 * 127.0.0.1 and free ports, act as one. They share one settings file ({@code CACHE_TYPE} RedisCache
 * and {@code CACHE_REDIS_URL}): instance A is also told the Redis with {@code --redis URL}, instance
 * B finds it in the settings.
 * The stock socket.io-client (Node, {@code src/test/node-web/listen.mjs}) connected to B receives,
 * in order, every event of a batch uploaded to A with B's socket id, then the fresh CSRF token A
 * sends it; a page on A gets none of them. The same letters uploaded to B come back from the
 * shared Redis ({@code cached}); a rate saved on A's settings page is used by B's next batch; an
 * upload without a socket id reaches the pages of both.
 *
 * <p>With {@code CI} set, a missing {@code redis-server}, Node client or jar fails the test;
 * elsewhere it is skipped with what to run.
 */
final class ServeTwoInstancesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROLL = "/engagementLetters/document-rollover";
  private static final Set<String> BATCH_EVENTS =
      Set.of("process-start", "processing", "process-result", "progress", "process-error", "complete");

  @TempDir Path temp;

  @Test
  void aBatchUploadedToOneInstanceStreamsToAPageOnTheOtherAndTheCacheIsShared() throws Exception {
    if (!Files.isRegularFile(ServeProcess.JAR)) {
      MissingServer.skipOrFail(ServeProcess.JAR + " is not built: run mvn verify");
    }
    NodeListener.needed();
    try (LocalRedis redis = LocalRedis.start(temp.resolve("redis"))) {
      // one settings file for both (as on a shared folder): RedisCache on the test's Redis
      Path settings = settings(temp.resolve("office"), redis.url());
      Files.createDirectories(temp.resolve("a"));
      Files.createDirectories(temp.resolve("b"));
      try (ServeProcess a = ServeProcess.start(temp.resolve("a"), "--settings", settings.toString(), "--redis", redis.url());
          ServeProcess b = ServeProcess.start(temp.resolve("b"), "--settings", settings.toString())) {
        try {
          bothAsOne(a, b, redis, settings);
        } catch (AssertionError e) {
          throw new AssertionError(e.getMessage() + "\nA's log:\n" + a.err() + "\nB's log:\n" + b.err(), e);
        }
        Path workA = a.workFolder();
        Path workB = b.workFolder();
        assertThat(a.stop()).as("A's exit code after SIGTERM").isIn(0, 143);
        assertThat(b.stop()).as("B's exit code after SIGTERM").isIn(0, 143);
        assertThat(workA).doesNotExist();
        assertThat(workB).doesNotExist();
      }
    }
  }

  private static void bothAsOne(ServeProcess a, ServeProcess b, LocalRedis redis, Path settings) throws Exception {
    awaitLog(a, "Events go through Redis at " + redis.url());
    awaitLog(b, "Events go through Redis at " + redis.url());
    WebClient toA = new WebClient(a.url);
    WebClient toB = new WebClient(b.url);
    try (NodeListener pageOnB = NodeListener.connect(b.url); NodeListener pageOnA = NodeListener.connect(a.url)) {
      assertThat(pageOnB.until("csrf", 30)).as("B's token on connect").isNotEmpty();
      assertThat(pageOnA.until("csrf", 30)).isNotEmpty();

      // a batch uploaded to A, for the page on B
      HttpResponse<String> res =
          toA.post(ROLL, letters(new WebClient.Form()).field("sid", pageOnB.sid).header("X-CSRF-Token", toA.token()));
      assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
      JsonNode answer = WebClient.json(res);
      assertThat(answer.get("message").asText()).isEqualTo("Processed 5 files: 3 rolled, 0 unchanged, 2 skipped, 0 failed.");
      List<JsonNode> events = pageOnB.until("complete", 60);
      assertEveryEventInOrder(events, answer, false);
      System.out.println("The page on B received A's batch: " + summary(batchEvents(events)));
      // then A's fresh token for that page, through Redis too: B accepts it (one SECRET_KEY)
      List<JsonNode> after = pageOnB.until("csrf", 30);
      assertThat(after).hasSize(1);
      String fresh = after.get(0).at("/detail/token").asText();
      assertThat(fresh).isNotBlank();
      Thread.sleep(500);
      assertThat(batchEvents(pageOnA.drain())).as("the page on A gets nothing of a batch for a page on B").isEmpty();
      // the outputs are on A, the instance that ran the batch
      assertThat(toA.getBytes(answer.at("/downloads/0/url").asText()).statusCode()).isEqualTo(200);
      HttpResponse<String> elsewhere = toB.get(answer.at("/downloads/0/url").asText());
      assertThat(elsewhere.statusCode()).isEqualTo(404);
      assertThat(elsewhere.body()).contains("sticky sessions");

      // the same letters uploaded to B come from the shared Redis
      HttpResponse<String> again =
          toB.post(ROLL, letters(new WebClient.Form()).field("sid", pageOnB.sid).field("csrf_token", fresh));
      assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
      JsonNode second = WebClient.json(again);
      List<JsonNode> secondEvents = pageOnB.until("complete", 60);
      int cached = 0;
      for (JsonNode r : second.get("results")) {
        if (r.get("status").asText().equals("success")) {
          assertThat(r.get("cached").asBoolean()).as(r.get("input").asText()).isTrue();
          cached++;
        }
      }
      assertThat(cached).isEqualTo(3);
      assertEveryEventInOrder(secondEvents, second, true);
      System.out.println("The same letters uploaded to B: " + cached + " rolled letters cached; " + summary(batchEvents(secondEvents)));

      // a rate saved on A's settings page (into the shared file) is used by B's next batch
      String json = Files.readString(settings).replace("$275", "$299");
      assertThat(toA.postJson("/settings", json, toA.token()).statusCode()).isEqualTo(200);
      JsonNode preview = WebClient.json(toB.post(ROLL, letters(new WebClient.Form()).field("dryRun", "true").header("X-CSRF-Token", toB.token())));
      assertThat(preview.get("results").toString()).contains("Mike Taylor\u2013$299").doesNotContain("Mike Taylor\u2013$275\"");
      pageOnA.until("complete", 60);
      pageOnB.until("complete", 60);

      // an upload without a socket id goes to every page, on both instances (as the original did)
      assertThat(toB.post(ROLL, letters(new WebClient.Form()).header("X-CSRFToken", toB.token())).statusCode()).isEqualTo(200);
      assertThat(types(pageOnA.until("complete", 60))).contains("process-start", "process-result");
      assertThat(types(pageOnB.until("complete", 60))).contains("process-start", "process-result");
    }
  }

  /**
   * Checks that a page received a batch's events in order: the start, then per letter its result
   * (in the answer's order) and progress, then complete; nothing of other batches.
   */
  private static void assertEveryEventInOrder(List<JsonNode> messages, JsonNode answer, boolean cached) {
    List<JsonNode> events = batchEvents(messages);
    List<String> types = types(events);
    assertThat(types.get(0)).isEqualTo("process-start");
    assertThat(types.get(1)).isEqualTo("processing");
    assertThat(types.get(types.size() - 1)).isEqualTo("complete");
    assertThat(events.get(events.size() - 1).get("detail").asText()).isEqualTo(answer.get("message").asText());
    List<String> names = new ArrayList<>();
    List<Double> progress = new ArrayList<>();
    for (JsonNode e : events) {
      switch (e.get("type").asText()) {
        case "process-result" -> {
          assertThat(e.at("/detail/process").asText()).isEqualTo(Rollover.PROCESS);
          names.add(e.at("/detail/filename").asText());
          if (e.at("/detail/status").asText().equals("success")) {
            assertThat(e.at("/detail/cached").asBoolean()).as(e.toString()).isEqualTo(cached);
          }
        }
        case "progress" -> progress.add(e.at("/detail/value").asDouble());
        default -> { }
      }
    }
    List<String> expected = new ArrayList<>();
    for (JsonNode r : answer.get("results")) {
      expected.add(r.get("status").asText().equals("success") ? r.get("output").asText() : r.get("input").asText());
    }
    assertThat(names).as("one result per letter, in order").isEqualTo(expected);
    assertThat(progress).isSorted().isNotEmpty();
    assertThat(progress.get(progress.size() - 1)).isEqualTo(1.0);
    assertThat(types).filteredOn("process-error"::equals).isEmpty();
  }

  private static void awaitLog(ServeProcess serve, String line) throws InterruptedException {
    for (int i = 0; i < 100 && !serve.err().contains(line); i++) {
      Thread.sleep(100);
    }
    assertThat(serve.err()).contains(line);
  }

  private static List<JsonNode> batchEvents(List<JsonNode> messages) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode m : messages) {
      if (m.has("type") && BATCH_EVENTS.contains(m.get("type").asText())) {
        out.add(m);
      } else if (m.has("message") && BATCH_EVENTS.contains(m.at("/message/type").asText())) {
        out.add(m.get("message"));
      }
    }
    return out;
  }

  /** Returns events as {@code type(filename or value)} for the test's output. */
  private static String summary(List<JsonNode> events) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : events) {
      JsonNode d = e.get("detail");
      String what = d == null ? "" : d.has("filename") ? d.get("filename").asText() + " " + d.path("status").asText()
          + (d.path("cached").asBoolean() ? " cached" : "") : d.has("value") ? d.get("value").asText() : "";
      out.add(e.get("type").asText() + (what.isEmpty() ? "" : "(" + what + ")"));
    }
    return String.join(", ", out);
  }

  private static List<String> types(List<JsonNode> messages) {
    List<String> out = new ArrayList<>();
    messages.forEach(m -> out.add(m.get("type").asText()));
    return out;
  }

  /** Writes the example firm's settings in a folder, with RedisCache on a Redis. */
  private static Path settings(Path folder, String redisUrl) throws Exception {
    Files.createDirectories(folder);
    ArrayNode list;
    try (InputStream in = ServeProcess.exampleSettings()) {
      list = (ArrayNode) JSON.readTree(in);
    }
    for (JsonNode n : list) {
      if (n.get("config_name").asText().equals("CACHE_TYPE")) {
        ((ObjectNode) n).put("value", "RedisCache");
      }
    }
    list.addObject()
        .put("id", "PEL.Other.CacheRedisUrl")
        .put("name", "Redis URL")
        .put("config_name", "CACHE_REDIS_URL")
        .put("description", "The Redis of RedisCache")
        .put("type", "string")
        .put("value", redisUrl);
    Path file = folder.resolve("user-config.json");
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(list));
    return file;
  }

  private static WebClient.Form letters(WebClient.Form form) throws Exception {
    try (Stream<Path> s = Files.list(Path.of("letters"))) {
      for (Path p : s.sorted().toList()) {
        form.file("currentYearDirectory", "letters/" + p.getFileName(), p);
      }
    }
    return form;
  }
}
