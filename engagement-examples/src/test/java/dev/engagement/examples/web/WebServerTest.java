package dev.engagement.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engagement.core.Batch;
import dev.engagement.core.FileResult;
import dev.engagement.core.Rollover;
import dev.engagement.events.CsrfTokens;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP tests of every route of the web app, on a real embedded Tomcat with a real Socket.IO
 * client (the JDK's WebSocket), including bad input: missing, wrong and expired CSRF tokens,
 * oversize uploads, too many files, hostile file names, the whole hostile corpus, settings of
 * the wrong type, the per-client limit and foreign origins.
 */
final class WebServerTest {
  static final String SECRET = "web-test-secret-0123456789abcdef0123456789";
  static final Path LETTERS = Path.of("letters");
  static final Path HOSTILE = Path.of(System.getProperty("engagement.shared.dir", "../../shared"), "corpus", "hostile");
  static final String ROLL = "/engagementLetters/document-rollover";
  static final String FIELD = "currentYearDirectory";

  @TempDir Path temp;
  private WebServer server;
  private WebClient client;

  private WebClient start(WebConfig.Builder config) throws Exception {
    server = WebServer.start(config.build());
    client = new WebClient(server.url());
    return client;
  }

  private WebConfig.Builder config() throws Exception {
    Path settings = temp.resolve("office/user-config.json");
    Files.createDirectories(settings.getParent());
    try (InputStream in = ServeProcess.exampleSettings()) {
      Files.copy(in, settings);
    }
    return WebConfig.builder(CsrfTokens.builder().secretKey(SECRET).build())
        .port(0)
        .settingsFile(settings)
        .workingFolder(temp.resolve("office"))
        .threads(2);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      Path work = server.workFolder();
      server.close();
      assertThat(work).as("the work folder is removed when the server stops").doesNotExist();
    }
  }

  private static WebClient.Form letters(WebClient.Form form) throws Exception {
    return letters(form, FIELD);
  }

  private static WebClient.Form letters(WebClient.Form form, String field) throws Exception {
    try (Stream<Path> s = Files.list(LETTERS)) {
      for (Path p : s.sorted().toList()) {
        form.file(field, "letters/" + p.getFileName(), p);
      }
    }
    return form;
  }

  private static List<String> types(List<JsonNode> messages) {
    List<String> out = new ArrayList<>();
    for (JsonNode m : messages) {
      out.add(m.get("type").asText());
    }
    return out;
  }

  @Test
  void everyPageCarriesAFreshTokenAndIsNeverCached() throws Exception {
    start(config());
    Set<String> tokens = new HashSet<>();
    for (String page : List.of("/", "/entityChecker", "/pdfPrinter", "/pdfSignatures", "/settings")) {
      HttpResponse<String> res = client.get(page);
      assertThat(res.statusCode()).as(page).isEqualTo(200);
      assertThat(res.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
      String meta = res.body().replaceAll("(?s).*<meta name=\"csrf-token\" content=\"([^\"]+)\">.*", "$1");
      assertThat(res.body()).contains("<input type=\"hidden\" name=\"csrf-token\" id=\"csrf-token\" value=\"" + meta + "\">");
      assertThat(CsrfTokens.builder().secretKey(SECRET).build().isValid(meta)).isTrue();
      tokens.add(meta);
      assertThat(res.body()).contains("href=\"/entityChecker\"").contains("href=\"/settings\"")
          .contains("aria-current=\"page\"").doesNotContain("https://").doesNotContain("Example settings");
    }
    assertThat(tokens).hasSize(5);
    HttpResponse<String> js = client.get("/static/vendor/socket.io.esm.min.js");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
    assertThat(js.body()).contains("export{").hasSizeGreaterThan(20_000);
    assertThat(client.get("/static/common.js").body()).contains("transports: ['websocket']");
    assertThat(client.get("/static/../pages/layout.html").statusCode()).isEqualTo(404);
    assertThat(client.get("/no-such-page").statusCode()).isEqualTo(404);
    HttpResponse<String> polling = client.get("/socket.io/?EIO=4&transport=polling");
    assertThat(polling.statusCode()).isEqualTo(400);
  }

  @Test
  void aRolloverStreamsItsEventsToThePageThatStartedItAndTheSecondUploadComesFromTheCache() throws Exception {
    start(config());
    try (WebClient.Socket mine = client.socket(); WebClient.Socket other = client.socket()) {
      assertThat(mine.until("csrf", 10)).isNotEmpty();
      HttpResponse<String> res = client.post(ROLL, letters(new WebClient.Form()).field("sid", mine.sid).field("csrf_token", client.token()));
      assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
      JsonNode answer = WebClient.json(res);
      assertThat(answer.get("status").asText()).isEqualTo("success");
      assertThat(answer.get("message").asText()).isEqualTo("Processed 5 files: 3 rolled, 0 unchanged, 2 skipped, 0 failed.");
      List<JsonNode> events = mine.until("complete", 30);
      events.removeIf(m -> m.get("type").asText().equals("csrf"));
      List<String> types = types(events);
      assertThat(types.get(0)).isEqualTo("process-start");
      assertThat(types.get(1)).isEqualTo("processing");
      assertThat(types).filteredOn("process-result"::equals).hasSize(5);
      assertThat(types.get(types.size() - 1)).isEqualTo("complete");
      assertThat(events.get(events.size() - 2).at("/detail/value").asDouble()).isEqualTo(1.0);
      List<String> names = new ArrayList<>();
      for (JsonNode e : events) {
        if (e.get("type").asText().equals("process-result")) {
          names.add(e.at("/detail/filename").asText());
          assertThat(e.at("/detail/process").asText()).isEqualTo(Rollover.PROCESS);
        }
      }
      assertThat(names).contains("letters/Smith Family 2025 Engagement Letter.docx", "letters/Riverside Dental PC 2024 Engagement Letter DO NOT ROLL.docx");
      assertThat(events.toString()).doesNotContain(temp.toString()).doesNotContain(server.workFolder().toString());
      Thread.sleep(300);
      assertThat(other.drain()).as("another page gets nothing of this batch").isEmpty();
      assertThat(server.workFolder().resolve("batches").resolve(answer.get("batch").asText()).resolve("in"))
          .as("the upload is removed after the batch").doesNotExist();

      // the zip of rolled letters
      HttpResponse<byte[]> zip = client.getBytes(answer.at("/downloads/0/url").asText());
      assertThat(zip.statusCode()).isEqualTo(200);
      assertThat(zipNames(zip.body())).containsExactly(
          "letters/Acme Holdings LLC 2025 Engagement Letter.docx",
          "letters/Greenfield Family Trust Engagement Letter_updated.docx",
          "letters/Smith Family 2025 Engagement Letter.docx");

      // the same letters again: from the FileSystemCache beside the settings
      HttpResponse<String> again = client.post(ROLL, letters(new WebClient.Form()).field("sid", mine.sid).header("X-CSRFToken", client.token()));
      JsonNode second = WebClient.json(again);
      for (JsonNode r : second.get("results")) {
        if (r.get("status").asText().equals("success")) {
          assertThat(r.get("cached").asBoolean()).as(r.toString()).isTrue();
        }
      }
      assertThat(temp.resolve("office/_cache")).isDirectory();
    }
  }

  @Test
  void aPreviewWritesNothingAndShowsEveryChange() throws Exception {
    start(config());
    JsonNode answer = WebClient.json(client.post(ROLL, letters(new WebClient.Form()).field("dryRun", "true").header("X-CSRF-Token", client.token())));
    assertThat(answer.get("dryRun").asBoolean()).isTrue();
    assertThat(answer.get("downloads")).isEmpty();
    JsonNode smith = null;
    for (JsonNode r : answer.get("results")) {
      if (r.get("input").asText().startsWith("letters/Smith")) {
        smith = r;
      }
    }
    assertThat(smith).isNotNull();
    assertThat(smith.get("changes").toString()).contains("December 9, 2024").contains("December 9, 2025");
    assertThat(smith.get("yearsLeftAlone").toString()).contains("2016");
    assertThat(client.get("/downloads/" + answer.get("batch").asText() + "/rolled-letters.zip").statusCode()).isEqualTo(404);
    assertThat(server.workFolder().resolve("batches").resolve(answer.get("batch").asText())).doesNotExist();
  }

  @Test
  void aPreviewShowsTheNumberedNamesTheRealRunGives() throws Exception {
    start(config());
    byte[] smith = Files.readAllBytes(LETTERS.resolve("Smith Family 2024 Engagement Letter.docx"));
    List<List<String>> names = new ArrayList<>();
    for (boolean dryRun : new boolean[] {true, false}) {
      // both want "Smith Family 2025 Engagement Letter.docx" (the name is cut after "Engagement Letter")
      WebClient.Form form = new WebClient.Form().header("X-CSRF-Token", client.token())
          .file(FIELD, "office/Smith Family 2024 Engagement Letter - draft.docx", smith)
          .file(FIELD, "office/Smith Family 2024 Engagement Letter - final.docx", smith);
      if (dryRun) {
        form.field("dryRun", "true");
      }
      JsonNode answer = WebClient.json(client.post(ROLL, form));
      assertThat(answer.get("dryRun").asBoolean()).isEqualTo(dryRun);
      List<String> outputs = new ArrayList<>();
      answer.get("results").forEach(r -> outputs.add(r.get("output").asText()));
      names.add(outputs);
      if (!dryRun) {
        assertThat(zipNames(client.getBytes(answer.at("/downloads/0/url").asText()).body())).containsExactlyInAnyOrderElementsOf(outputs);
      }
    }
    assertThat(names.get(0))
        .containsExactly("office/Smith Family 2025 Engagement Letter.docx", "office/Smith Family 2025 Engagement Letter (2).docx")
        .isEqualTo(names.get(1));
  }

  @Test
  void uploadsWithoutASidAreBroadcastToEveryPage() throws Exception {
    start(config());
    try (WebClient.Socket a = client.socket(); WebClient.Socket b = client.socket()) {
      client.post(ROLL, letters(new WebClient.Form()).header("X-CSRF-Token", client.token()));
      assertThat(types(a.until("complete", 30))).contains("process-start", "process-result");
      assertThat(types(b.until("complete", 30))).contains("process-start", "process-result");
    }
  }

  @Test
  void aMissingWrongOrExpiredTokenIsRefusedWith400AndAProcessErrorEvent() throws Exception {
    start(config());
    CsrfTokens old =
        CsrfTokens.builder().secretKey(SECRET).clock(Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC)).build();
    CsrfTokens stranger = CsrfTokens.builder().secretKey("another-secret-0123456789abcdef0123456789").build();
    Map<String, String> cases = new TreeMap<>();
    cases.put("missing", null);
    cases.put("wrong", stranger.issue());
    cases.put("garbage", "not.a.token");
    cases.put("expired", old.issue());
    try (WebClient.Socket page = client.socket()) {
      page.until("csrf", 10);
      for (Map.Entry<String, String> c : cases.entrySet()) {
        WebClient.Form form = letters(new WebClient.Form()).field("sid", page.sid);
        if (c.getValue() != null) {
          form.header("X-CSRF-Token", c.getValue());
        }
        HttpResponse<String> res = client.post(ROLL, form);
        assertThat(res.statusCode()).as(c.getKey()).isEqualTo(400);
        JsonNode answer = WebClient.json(res);
        assertThat(answer.get("status").asText()).isEqualTo("error");
        assertThat(answer.get("message").asText()).contains("CSRF token");
        JsonNode event = page.until("process-error", 10).get(0);
        assertThat(event.at("/detail/error").asText()).isEqualTo("CSRF Error");
        assertThat(event.at("/detail/process").asText()).isEqualTo(Rollover.PROCESS);
      }
      // a page left open asks for a fresh token
      page.drain();
      page.ws.sendText("42[\"csrf\"]", true);
      List<JsonNode> fresh = page.until("csrf", 10);
      assertThat(CsrfTokens.builder().secretKey(SECRET).build().isValid(fresh.get(fresh.size() - 1).at("/detail/token").asText())).isTrue();
      // the settings too
      assertThat(client.postJson("/settings", "[]", null).statusCode()).isEqualTo(400);
      assertThat(client.postJson("/settings", "[]", old.issue()).statusCode()).isEqualTo(400);
    }
    assertThat(server.workFolder().resolve("batches")).isEmptyDirectory();
  }

  @Test
  void oversizeUploadsAndTooManyFilesAreRefusedAndTheServerStaysUp() throws Exception {
    start(config().maxFiles(3).maxFileBytes(64 * 1024).maxUploadBytes(512 * 1024));
    String token = client.token();
    HttpResponse<String> big = client.post(ROLL, new WebClient.Form().header("X-CSRF-Token", token).file(FIELD, "big.docx", new byte[100 * 1024]));
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(WebClient.json(big).get("message").asText()).contains("too large");
    HttpResponse<String> many = client.post(ROLL, letters(new WebClient.Form()).header("X-CSRF-Token", token));
    assertThat(many.statusCode()).isEqualTo(413);
    assertThat(WebClient.json(many).get("message").asText()).isEqualTo("Too many files: 5 in one upload, at most 3.");
    WebClient.Form all = new WebClient.Form().header("X-CSRF-Token", token);
    for (int i = 0; i < 8; i++) {
      all.file(FIELD, "f" + i + ".docx", new byte[60 * 1024]);
    }
    HttpResponse<String> total = client.post(ROLL, all);
    assertThat(total.statusCode()).isIn(413);
    assertThat(total.body()).doesNotContain("Exception").doesNotContain("\tat ");
    HttpResponse<String> notMultipart = client.postJson(ROLL, "{}", token);
    assertThat(notMultipart.statusCode()).isEqualTo(400);
    assertThat(WebClient.json(notMultipart).get("message").asText()).contains("multipart/form-data");
    assertThat(client.get("/").statusCode()).isEqualTo(200);
    assertThat(client.post(ROLL, new WebClient.Form().header("X-CSRF-Token", token).field("x", "y")).statusCode()).isEqualTo(400);
    try (Stream<Path> s = Files.walk(server.workFolder().resolve("uploads"))) {
      assertThat(s.filter(Files::isRegularFile).toList()).as("no part left behind").isEmpty();
    }
  }

  @Test
  void hostileFileNamesStayInsideTheUploadAndNeverClash() throws Exception {
    start(config());
    byte[] smith = Files.readAllBytes(LETTERS.resolve("Smith Family 2024 Engagement Letter.docx"));
    List<String> hostile =
        List.of(
            "../../escaped 2024 Engagement Letter.docx",
            "/etc/absolute 2024 Engagement Letter.docx",
            "C:\\Windows\\drive 2024 Engagement Letter.docx",
            "ctrl\u0001\u001b[31mred\u202Egnp 2024 Engagement Letter.docx",
            "a/b/../../../../up 2024 Engagement Letter.docx",
            "same 2024 Engagement Letter.docx",
            "SAME 2024 Engagement Letter.docx",
            "./././dots 2024 Engagement Letter.docx...",
            "x".repeat(400) + " 2024 Engagement Letter.docx",
            "");
    WebClient.Form form = new WebClient.Form().header("X-CSRF-Token", client.token());
    for (String name : hostile) {
      form.file(FIELD, name, smith);
    }
    HttpResponse<String> res = client.post(ROLL, form);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    JsonNode answer = WebClient.json(res);
    Set<String> inputs = new HashSet<>();
    for (JsonNode r : answer.get("results")) {
      String input = r.get("input").asText();
      assertThat(input).doesNotContain("..").doesNotStartWith("/").doesNotContain("\\").doesNotContain(":")
          .doesNotContain("\u0001").doesNotContain("\u001b").doesNotContain("\u202E");
      assertThat(input.split("/")).allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(FileNames.MAX_PART));
      assertThat(inputs.add(input.toLowerCase(java.util.Locale.ROOT))).as("unique: " + input).isTrue();
    }
    assertThat(inputs).hasSize(hostile.size());
    // (Tomcat reads a backslash in the quoted file name as an escape: C:\\Windows arrives as C:Windows)
    assertThat(inputs).contains("escaped 2024 engagement letter.docx", "etc/absolute 2024 engagement letter.docx",
        "a/b/up 2024 engagement letter.docx", "same 2024 engagement letter.docx", "same 2024 engagement letter (2).docx",
        "unnamed");
    assertThat(inputs).anyMatch(i -> i.endsWith("drive 2024 engagement letter.docx") && !i.contains("c:"));
    assertThat(temp.resolve("escaped 2024 Engagement Letter.docx")).doesNotExist();
    assertThat(Path.of("escaped 2024 Engagement Letter.docx")).doesNotExist();
    HttpResponse<byte[]> zip = client.getBytes(answer.at("/downloads/0/url").asText());
    for (String name : zipNames(zip.body())) {
      assertThat(name).doesNotContain("..").doesNotStartWith("/");
    }
  }

  @Test
  void everyFileOfTheHostileCorpusEndsAsAResultLineAndTheServerStaysUp() throws Exception {
    assertThat(HOSTILE).as("the shared corpus").isDirectory();
    start(config());
    List<Path> files;
    try (Stream<Path> s = Files.list(HOSTILE)) {
      files = s.sorted().toList();
    }
    WebClient.Form form = new WebClient.Form().header("X-CSRF-Token", client.token());
    for (Path f : files) {
      form.file(FIELD, "hostile/" + f.getFileName(), f);
    }
    try (WebClient.Socket page = client.socket()) {
      form.field("sid", page.sid);
      HttpResponse<String> res = client.post(ROLL, form);
      assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
      JsonNode answer = WebClient.json(res);
      List<JsonNode> events = page.until("complete", 120);
      List<JsonNode> lines = events.stream().filter(e -> e.get("type").asText().equals("process-result")).toList();
      assertThat(lines).hasSize(files.size());
      assertThat(answer.get("results")).hasSize(files.size());
      // the same verdicts as the library gives these files on its own
      List<FileResult> direct = new ArrayList<>();
      Batch.ofDefaults().run(Rollover.ofDefaults(), List.of(HOSTILE), temp.resolve("direct"), direct::add);
      Map<String, String> expected = new TreeMap<>();
      direct.forEach(r -> expected.put("hostile/" + r.letter().relativePath(), r.status().jsonName()));
      Map<String, String> got = new TreeMap<>();
      for (JsonNode l : lines) {
        got.put(l.at("/detail/input").asText(), l.at("/detail/status").asText());
        if (l.at("/detail/status").asText().equals("failed")) {
          assertThat(l.at("/detail/message").asText()).as(l.toString()).contains(l.at("/detail/input").asText().substring(8));
        }
      }
      assertThat(got).isEqualTo(expected);
      assertThat(got.values()).filteredOn("failed"::equals).hasSizeGreaterThanOrEqualTo(20);
      assertThat(types(events).stream().filter("process-error"::equals).count())
          .isEqualTo(got.values().stream().filter("failed"::equals).count());
      assertThat(events.toString()).doesNotContain(server.workFolder().toString());
    }
    assertThat(client.get("/").statusCode()).isEqualTo(200);
  }

  @Test
  void theEntityCheckAnswersTheTableAndItsDownloads() throws Exception {
    start(config());
    // the original's field is entityCheckDirectory; a file under another field is not part of the batch
    HttpResponse<String> res = client.post("/entityChecker/check-entities",
        letters(new WebClient.Form(), "entityCheckDirectory").header("X-CSRF-Token", client.token())
            .file(FIELD, "other/Acme.docx", LETTERS.resolve("Acme Holdings LLC 2024 Engagement Letter - signed.docx")));
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).doesNotContain("other/Acme.docx");
    assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    String html = res.body();
    assertThat(html).contains("<table class=\"entities\">").contains("2045 Elm Street<br>Springfield, IL 62704")
        .contains("Smith Rentals LLC</strong>: Form 1065 and Form IL-1065").contains("Skipped: its name says DO NOT ROLL");
    String batch = res.headers().firstValue("X-Batch-Id").orElseThrow();
    HttpResponse<byte[]> xlsx = client.getBytes("/downloads/" + batch + "/entities.xlsx");
    assertThat(xlsx.statusCode()).isEqualTo(200);
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      assertThat(wb.getSheetAt(0).getRow(0).getCell(2).getStringCellValue()).isEqualTo("name_of_entity");
      assertThat(wb.getSheetAt(0).getLastRowNum()).isGreaterThanOrEqualTo(7);
    }
    assertThat(new String(client.getBytes("/downloads/" + batch + "/entities.csv").body(), java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("filename,address,name_of_entity,type_of_return,status,message").contains("Acme Logistics, Inc.");
    assertThat(client.get("/downloads/" + batch + "/../../etc/passwd").statusCode()).isEqualTo(404);
    assertThat(client.get("/downloads/no-such-batch/entities.xlsx").statusCode()).isEqualTo(404);
  }

  @Test
  void theSettingsPageSavesValidSettingsAtomicallyAndNamesTheFieldItRefuses() throws Exception {
    start(config());
    Path file = temp.resolve("office/user-config.json");
    String original = Files.readString(file);
    ArrayNode settings = (ArrayNode) WebClient.JSON.readTree(original);

    ArrayNode wrongType = settings.deepCopy();
    find(wrongType, "COMPLIANCE_PARTNER_RATES").put("value", "Mike Taylor $310");
    HttpResponse<String> res = client.postJson("/settings", wrongType.toString(), client.token());
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(WebClient.json(res).get("field").asText()).isEqualTo("COMPLIANCE_PARTNER_RATES");
    assertThat(WebClient.json(res).get("message").asText()).contains("COMPLIANCE_PARTNER_RATES").contains("must be a list");

    ArrayNode notANumber = settings.deepCopy();
    notANumber.addObject().put("config_name", "HOURLY_LIMIT").put("type", "number").put("value", "ten");
    res = client.postJson("/settings", notANumber.toString(), client.token());
    assertThat(WebClient.json(res).get("field").asText()).isEqualTo("HOURLY_LIMIT");

    ArrayNode unknownCache = settings.deepCopy();
    find(unknownCache, "CACHE_TYPE").put("value", "MongoCache");
    res = client.postJson("/settings", unknownCache.toString(), client.token());
    assertThat(WebClient.json(res).get("field").asText()).isEqualTo("CACHE_TYPE");
    assertThat(WebClient.json(res).get("message").asText()).contains("Unknown cache type 'MongoCache'");

    ArrayNode notRedis = settings.deepCopy();
    notRedis.addObject().put("config_name", "CACHE_REDIS_URL").put("type", "string").put("value", "http://127.0.0.1:6379");
    res = client.postJson("/settings", notRedis.toString(), client.token());
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(WebClient.json(res).get("field").asText()).isEqualTo("CACHE_REDIS_URL");
    assertThat(WebClient.json(res).get("message").asText()).contains("must start with redis:// or rediss://");

    assertThat(client.postJson("/settings", "[{", client.token()).statusCode()).isEqualTo(400);
    assertThat(Files.readString(file)).as("a refused save leaves the file as it was").isEqualTo(original);

    ArrayNode better = settings.deepCopy();
    ((ObjectNode) find(better, "COMPLIANCE_PARTNER_RATES").get("value").get(0)).put("rate", "$310");
    res = client.postJson("/settings", better.toString(), client.token());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    assertThat(Files.readString(file)).contains("$310");
    try (Stream<Path> s = Files.list(file.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".~")).toList()).isEmpty();
    }
    assertThat(client.get("/settings").body()).contains("value=\"$310\"").contains("<option selected>FileSystemCache</option>");
    JsonNode rolled = WebClient.json(client.post(ROLL, letters(new WebClient.Form()).field("dryRun", "true").header("X-CSRF-Token", client.token())));
    assertThat(rolled.get("results").toString()).contains("Mike Taylor\u2013$310");
  }

  @Test
  void aSettingsFileChangedOnDiskIsReadAgainByTheNextBatch() throws Exception {
    start(config());
    Path file = temp.resolve("office/user-config.json");
    // another server sharing the file saved its settings page
    Files.writeString(file, Files.readString(file).replace("$275", "$321"));
    Files.setLastModifiedTime(file, FileTime.from(Files.getLastModifiedTime(file).toInstant().plusSeconds(2)));
    JsonNode rolled = WebClient.json(client.post(ROLL, letters(new WebClient.Form()).field("dryRun", "true").header("X-CSRF-Token", client.token())));
    assertThat(rolled.get("results").toString()).contains("Mike Taylor\u2013$321");
    assertThat(client.get("/settings").body()).contains("value=\"$321\"");

    // a file that cannot be used is not: the settings in use stay
    Files.writeString(file, "[{");
    Files.setLastModifiedTime(file, FileTime.from(Files.getLastModifiedTime(file).toInstant().plusSeconds(4)));
    rolled = WebClient.json(client.post(ROLL, letters(new WebClient.Form()).field("dryRun", "true").header("X-CSRF-Token", client.token())));
    assertThat(rolled.get("results").toString()).contains("Mike Taylor\u2013$321");
  }

  @Test
  void theHourlyLimitAnswers429WithAMessage() throws Exception {
    start(config());
    ArrayNode settings = (ArrayNode) WebClient.JSON.readTree(Files.readString(temp.resolve("office/user-config.json")));
    settings.addObject().put("config_name", "HOURLY_LIMIT").put("type", "number").put("value", 1);
    assertThat(client.postJson("/settings", settings.toString(), client.token()).statusCode()).isEqualTo(200);
    assertThat(client.post(ROLL, letters(new WebClient.Form()).header("X-CSRF-Token", client.token())).statusCode()).isEqualTo(200);
    HttpResponse<String> second = client.post(ROLL, letters(new WebClient.Form()).header("X-CSRF-Token", client.token()));
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(WebClient.json(second).get("message").asText()).contains("at most 1 an hour (HOURLY_LIMIT)");
  }

  @Test
  void aPageOfAnotherSiteCannotOpenTheSocket() throws Exception {
    start(config());
    assertThat(client.new Socket().open(client.base).sid).isNotBlank();
    Throwable refused = null;
    try {
      client.new Socket().open("http://evil.example");
    } catch (ExecutionException | CompletionException e) {
      refused = e.getCause();
    }
    assertThat(refused).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
    assertThat(((java.net.http.WebSocketHandshakeException) refused).getResponse().statusCode()).isEqualTo(403);
  }

  @Test
  void withoutASettingsFileThePagesSaySoAndNoFirmRatesAreUsed() throws Exception {
    start(WebConfig.builder(CsrfTokens.builder().secretKey(SECRET).build()).port(0).workingFolder(temp).threads(1));
    assertThat(client.get("/").body()).contains("No settings saved yet");
    JsonNode answer = WebClient.json(client.post(ROLL, letters(new WebClient.Form()).field("dryRun", "true").header("X-CSRF-Token", client.token())));
    assertThat(answer.get("results").toString()).doesNotContain("Mike Taylor\u2013$275");
    server.close();
    start(WebConfig.builder(CsrfTokens.builder().secretKey(SECRET).build()).port(0).workingFolder(temp).exampleSettings(true));
    assertThat(client.get("/pdfPrinter").body()).contains("Example settings in use");
    // saving the settings page writes user-config.json in the working folder; the next server uses it
    String example = new String(ServeProcess.exampleSettings().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(client.postJson("/settings", example.replace("$275", "$333"), client.token()).statusCode()).isEqualTo(200);
    assertThat(client.get("/").body()).doesNotContain("Example settings in use");
    server.close();
    start(WebConfig.builder(CsrfTokens.builder().secretKey(SECRET).build()).port(0).workingFolder(temp));
    assertThat(client.get("/").body()).doesNotContain("No settings saved yet");
    assertThat(client.get("/settings").body()).contains("value=\"$333\"");
  }

  @Test
  void stoppingTheServerCancelsARunningBatchAndRemovesEveryTemporaryFile() throws Exception {
    start(config().maxFiles(3000).maxUploadBytes(200L * 1024 * 1024));
    byte[] smith = Files.readAllBytes(LETTERS.resolve("Smith Family 2024 Engagement Letter.docx"));
    WebClient.Form form = new WebClient.Form().header("X-CSRF-Token", client.token());
    for (int i = 0; i < 2500; i++) {
      form.file(FIELD, "many/" + i + " Smith 2024 Engagement Letter.docx", smith);
    }
    Path work = server.workFolder();
    try (WebClient.Socket page = client.socket()) {
      form.field("sid", page.sid);
      java.util.concurrent.CompletableFuture<HttpResponse<String>> upload =
          java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
              return client.post(ROLL, form);
            } catch (Exception e) {
              throw new CompletionException(e);
            }
          });
      page.until("process-result", 60);
      assertThat(upload).as("the batch is still running").isNotDone();
      server.close(Duration.ZERO);
      assertThat(work).doesNotExist();
      try {
        HttpResponse<String> res = upload.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(503);
        assertThat(WebClient.json(res).get("message").asText())
            .startsWith("The server is stopping: the batch was stopped after ")
            .endsWith(" of 2500 files (nothing was kept); upload them again when it is back.");
      } catch (ExecutionException e) {
        // the connection closed with the server: also a clean end for the client
        assertThat(e.getCause()).isInstanceOf(CompletionException.class);
      }
    }
    server = null;
  }

  @Test
  void signaturesAreReadFromImagesSignaturesBesideTheSettingsOrUploaded() throws Exception {
    Path folder = temp.resolve("office/images/signatures");
    Files.createDirectories(folder);
    Files.copy(Path.of("signatures/Bob_Maurer.png"), folder.resolve("Bob_Maurer.png"));
    start(config());
    assertThat(client.get("/pdfSignatures").body()).contains("from the server's signatures folder: Bob_Maurer.png");
    // a PDF that is no letter fails with a reason that names no server path
    JsonNode answer = WebClient.json(client.post("/pdfSignatures/add-signatures", new WebClient.Form().header("X-CSRF-Token", client.token())
        .file("pdfSignaturesDirectory", "pdf/not a letter.pdf", "%PDF-1.4 nonsense".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .file("signatures", "Mike_Taylor.pdf", Path.of("signatures/Mike_Taylor.pdf"))));
    assertThat(answer.get("status").asText()).isEqualTo("success");
    JsonNode r = answer.get("results").get(0);
    assertThat(r.get("status").asText()).isEqualTo("failed");
    assertThat(r.get("message").asText()).contains("not a letter.pdf").doesNotContain(server.workFolder().toString());
  }

  private static ObjectNode find(ArrayNode settings, String key) {
    for (JsonNode n : settings) {
      if (n.get("config_name").asText().equals(key)) {
        return (ObjectNode) n;
      }
    }
    throw new AssertionError("no " + key);
  }

  private static List<String> zipNames(byte[] zip) throws Exception {
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
      }
    }
    return names;
  }
}
