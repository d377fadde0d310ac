package dev.engagement.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code engagement.jar}, run as users run it: {@code java -jar} in a process of its
 * own, from a folder shaped like the repository root (the example letters and signatures under
 * {@code engagement-examples/}). Every command the README tells users to run, and every command of
 * {@code --help}, runs here, each checked on what it wrote: the rolled letters read back with POI,
 * the entity files with Jackson, commons-csv and POI, the PDFs with PDFBox, the fixture with a
 * WebSocket handshake.
 *
 * <p>Runs in {@code verify} (failsafe, after {@code package} built the jar). The README's commands
 * are listed here as they are written there, and a test fails when the two lists differ, so a
 * command added to the README gets its check here. The one liberty taken: {@code --port 3000}
 * becomes {@code --port 0}, and {@code serve} (5000 by default) gets {@code --port 0} (the tests
 * never bind fixed ports).
 */
final class EngagementJarIT {
  /** The README's commands, arguments after {@code java -jar engagement-examples/target/engagement.jar}. */
  static final String ROLL = "rollover --out rolled engagement-examples/letters";
  static final String PRINT = "pdf --out pdf rolled";
  static final String SIGN = "sign --signatures engagement-examples/signatures --out signed pdf";
  static final String ROLL_CACHED =
      "rollover --cache-type FileSystemCache --cache-config _cache_config.json --out rolled engagement-examples/letters";
  static final String FIXTURE = "socketio-fixture --port 3000";
  static final String SERVE = "serve --example-settings --signatures engagement-examples/signatures";

  /** The commands of {@code --help} that have a smoke test below. */
  static final Set<String> SMOKE_TESTED = Set.of("rollover", "entities", "pdf", "sign", "socketio-fixture", "serve", "help");

  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final String SMITH = "Smith Family 2025 Engagement Letter";
  private static final String ACME = "Acme Holdings LLC 2025 Engagement Letter";
  private static final String GREENFIELD = "Greenfield Family Trust Engagement Letter_updated";

  static Path jar;

  @TempDir Path temp;

  @BeforeAll
  static void theJarIsBuilt() {
    jar = Path.of(System.getProperty("engagement.jar", "target/engagement.jar")).toAbsolutePath();
    assertThat(jar).as("the runnable jar (mvn package builds it)").isRegularFile();
  }

  /** A finished run of the jar. */
  record Run(int code, String out, String err) {
    Run expectSuccess() {
      assertThat(code).as("exit code; stderr: %s", err).isZero();
      return this;
    }
  }

  /** Returns a folder shaped like the repository root, with the example letters and signatures. */
  private Path repository(String name) throws IOException {
    Path root = Files.createDirectories(temp.resolve(name));
    for (String dir : List.of("letters", "signatures")) {
      Path from = Path.of(dir);
      Path to = Files.createDirectories(root.resolve("engagement-examples").resolve(dir));
      try (Stream<Path> files = Files.list(from)) {
        for (Path f : files.toList()) {
          Files.copy(f, to.resolve(f.getFileName()));
        }
      }
    }
    return root;
  }

  private static List<String> javaJar(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    return command;
  }

  /** Runs the jar with the arguments, split at spaces as a shell would split the README's. */
  private Run run(Path dir, String arguments) throws Exception {
    return run(dir, arguments.split(" "));
  }

  private Run run(Path dir, String... args) throws Exception {
    Path out = Files.createTempFile(temp, "out", ".txt");
    Path err = Files.createTempFile(temp, "err", ".txt");
    Process p =
        new ProcessBuilder(javaJar(args))
            .directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError(
          "engagement.jar " + String.join(" ", args) + " did not end within " + TIMEOUT + "; stdout: "
              + Files.readString(out) + "; stderr: " + Files.readString(err));
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void theReadmesCommandsAreTheOnesRunHere() throws IOException {
    assertThat(Readme.jarCommands(Readme.text()))
        .as("the README's engagement.jar commands (add a check here for a new one)")
        .containsExactlyInAnyOrder(ROLL, PRINT, SIGN, ROLL_CACHED, FIXTURE, SERVE);
  }

  @Test
  void rollsPrintsAndSignsTheExampleLettersAsTheReadmeSays() throws Exception {
    Path repo = repository("repo");

    Run rolled = run(repo, ROLL).expectSuccess();
    assertThat(rolled.out()).contains("Processed 5 files: 3 rolled, 0 unchanged, 2 skipped, 0 failed. Output: rolled");
    assertThat(names(repo.resolve("rolled"))).containsExactly(ACME + ".docx", GREENFIELD + ".docx", SMITH + ".docx");
    String smith = docxText(repo.resolve("rolled").resolve(SMITH + ".docx"));
    assertThat(smith)
        .contains("tax year 2025", "April 15, 2026", "since 2016", "Phone (217) 555-2024")
        .contains("Partner hourly rates are: Mike Taylor\u2013$275, Bob Maurer\u2013$275.")
        .doesNotContain("tax year 2024");
    assertThat(docxText(repo.resolve("rolled").resolve(ACME + ".docx"))).contains("61615-2024");

    Run printed = run(repo, PRINT).expectSuccess();
    assertThat(printed.out()).contains("Printed 3 of 3 files to PDF: 0 skipped, 0 failed. Output: pdf");
    assertThat(names(repo.resolve("pdf"))).containsExactly(ACME + ".pdf", GREENFIELD + ".pdf", SMITH + ".pdf");
    Map<String, String> pdfText = new LinkedHashMap<>();
    for (String name : names(repo.resolve("pdf"))) {
      try (PDDocument doc = Loader.loadPDF(repo.resolve("pdf").resolve(name).toFile())) {
        assertThat(doc.getNumberOfPages()).as(name).isPositive();
        pdfText.put(name, new PDFTextStripper().getText(doc));
      }
    }
    assertThat(pdfText.get(SMITH + ".pdf")).contains("tax year 2025").doesNotContain("tax year 2024");

    Run signed = run(repo, SIGN).expectSuccess();
    assertThat(signed.out()).contains("Signed 3 of 3 files: 0 skipped, 0 failed. Output: signed");
    Map<String, String> signers = Map.of(SMITH, "Mike Taylor", GREENFIELD, "Mike Taylor", ACME, "Bob Maurer");
    for (Map.Entry<String, String> e : signers.entrySet()) {
      String name = e.getKey() + ".pdf";
      try (PDDocument before = Loader.loadPDF(repo.resolve("pdf").resolve(name).toFile());
          PDDocument after = Loader.loadPDF(repo.resolve("signed").resolve(name).toFile())) {
        assertThat(after.getDocumentInformation().getCustomMetadataValue("EngagementSignedBy"))
            .as(name).isEqualTo(e.getValue());
        assertThat(after.getNumberOfPages()).isEqualTo(before.getNumberOfPages());
        // exactly one more drawn object (the signature) on exactly one page; the text is unchanged
        int added = 0;
        for (int i = 0; i < after.getNumberOfPages(); i++) {
          int more = drawnObjects(after.getPage(i)) - drawnObjects(before.getPage(i));
          assertThat(more).as("%s page %d", name, i + 1).isBetween(0, 1);
          added += more;
        }
        assertThat(added).as(name).isEqualTo(1);
        assertThat(new PDFTextStripper().getText(after)).isEqualTo(pdfText.get(name));
      }
    }
  }

  @Test
  void rollsFromTheCacheTheSecondTime() throws Exception {
    Path repo = repository("cached");
    Files.writeString(repo.resolve("_cache_config.json"), "{\"FileSystemCache\": {\"CACHE_DIR\": \"_cache\"}}");

    Run first = run(repo, ROLL_CACHED).expectSuccess();
    assertThat(first.out()).contains("Processed 5 files: 3 rolled").doesNotContain("(from the cache)");
    Map<String, byte[]> firstBytes = contents(repo.resolve("rolled"));
    assertThat(names(repo.resolve("_cache"))).hasSize(3);
    deleteTree(repo.resolve("rolled"));

    Run second = run(repo, ROLL_CACHED).expectSuccess();
    assertThat(second.out().lines().filter(l -> l.endsWith("(from the cache)"))).hasSize(3);
    Map<String, byte[]> secondBytes = contents(repo.resolve("rolled"));
    assertThat(secondBytes.keySet()).containsExactlyElementsOf(firstBytes.keySet());
    for (String name : firstBytes.keySet()) {
      assertThat(secondBytes.get(name)).as(name).isEqualTo(firstBytes.get(name));
    }
  }

  @Test
  void checksEntitiesIntoJsonCsvXlsxAndATable() throws Exception {
    Path repo = repository("entities");
    String letters = "engagement-examples/letters";

    run(repo, "entities", "--out", "entities.json", letters).expectSuccess();
    JsonNode json = Json.MAPPER.readTree(repo.resolve("entities.json").toFile());
    assertThat(json.size()).isEqualTo(5);
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    json.forEach(n -> byName.put(n.get("filename").asText(), n));
    JsonNode smith = byName.get("Smith Family 2024 Engagement Letter.docx");
    assertThat(smith.get("address").asText()).isEqualTo("2045 Elm Street\nSpringfield, IL 62704");
    assertThat(smith.get("entities").size()).isEqualTo(3);
    assertThat(smith.get("entities").get(2).toString())
        .isEqualTo("{\"name_of_entity\":\"Smith Rentals LLC\",\"type_of_return\":\"Form 1065 and Form IL-1065\"}");
    assertThat(byName.get("Acme Holdings LLC 2024 Engagement Letter - signed.docx").get("address").asText())
        .isEqualTo("4200 Commerce Parkway, Suite 310\nPeoria, IL 61615-2024");
    assertThat(byName.get("Greenfield Family Trust Engagement Letter.docx").get("address").asText())
        .isEqualTo("P.O. Box 512\nChampaign, IL 61824");

    run(repo, "entities", "--out", "entities.csv", letters).expectSuccess();
    List<CSVRecord> rows;
    try (Reader r = Files.newBufferedReader(repo.resolve("entities.csv"), StandardCharsets.UTF_8);
        CSVParser p = CSVParser.parse(r, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
      assertThat(p.getHeaderNames())
          .containsExactly("filename", "address", "name_of_entity", "type_of_return", "status", "message");
      rows = p.getRecords();
    }
    // 3 + 2 + 2 entity rows and one row for each skipped file
    assertThat(rows).hasSize(9);
    assertThat(rows).filteredOn(row -> row.get("filename").startsWith("Acme"))
        .extracting(row -> row.get("name_of_entity"))
        .containsExactly("Acme Holdings LLC", "Acme Logistics, Inc.");

    run(repo, "entities", "--out", "entities.xlsx", letters).expectSuccess();
    try (InputStream in = Files.newInputStream(repo.resolve("entities.xlsx"));
        XSSFWorkbook wb = new XSSFWorkbook(in)) {
      Sheet sheet = wb.getSheet("Entities");
      assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("name_of_entity");
      assertThat(sheet.getLastRowNum()).isEqualTo(9);
      List<String> greenfield = new ArrayList<>();
      for (Row row : sheet) {
        if (row.getCell(0).getStringCellValue().startsWith("Greenfield")) {
          greenfield.add(row.getCell(1).getStringCellValue());
        }
      }
      assertThat(greenfield).hasSize(2).containsOnly("P.O. Box 512\nChampaign, IL 61824");
    }

    Run table = run(repo, "entities", letters).expectSuccess();
    assertThat(table.out())
        .contains("  Address:  2045 Elm Street / Springfield, IL 62704")
        .contains("Checked 5 files: 3 read, 2 skipped, 0 failed.");
  }

  @Test
  void servesTheSocketIoFixture() throws Exception {
    String arguments = FIXTURE.replace("--port 3000", "--port 0");
    Path out = temp.resolve("fixture.out");
    Path err = temp.resolve("fixture.err");
    Process p =
        new ProcessBuilder(javaJar(arguments.split(" ")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    try {
      Pattern listening = Pattern.compile("Socket.IO fixture on http://127\\.0\\.0\\.1:(\\d+)/socket\\.io/");
      int port = -1;
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (port < 0) {
        Matcher m = listening.matcher(Files.readString(out));
        if (m.find()) {
          port = Integer.parseInt(m.group(1));
        } else if (!p.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("the fixture did not start; stdout: " + Files.readString(out)
              + "; stderr: " + Files.readString(err));
        } else {
          Thread.sleep(100);
        }
      }

      HttpClient http = HttpClient.newHttpClient();
      String base = "127.0.0.1:" + port + "/socket.io/";
      Frames frames = new Frames();
      WebSocket ws =
          http.newWebSocketBuilder()
              .buildAsync(URI.create("ws://" + base + "?EIO=4&transport=websocket"), frames)
              .get(1, TimeUnit.MINUTES);
      try {
        assertThat(frames.next())
            .startsWith("0{\"sid\":")
            .endsWith(",\"upgrades\":[],\"pingInterval\":300,\"pingTimeout\":200,\"maxPayload\":1000000}");
        ws.sendText("40", true).get(1, TimeUnit.MINUTES);
        assertThat(frames.next()).startsWith("40{\"sid\":");
        assertThat(frames.next()).isEqualTo("42[\"auth\",{}]");
      } finally {
        ws.abort();
      }
      HttpResponse<String> polling =
          http.send(
              HttpRequest.newBuilder(URI.create("http://" + base + "?EIO=4&transport=polling")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(polling.statusCode()).isEqualTo(400);
    } finally {
      p.destroy();
      if (!p.waitFor(1, TimeUnit.MINUTES)) {
        p.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void servesTheWebAppAndStopsCleanlyOnSigterm() throws Exception {
    Path repo = repository("serve");
    Path out = temp.resolve("serve.out");
    Path err = temp.resolve("serve.err");
    List<String> args = new ArrayList<>(List.of(SERVE.split(" ")));
    args.addAll(List.of("--port", "0"));
    ProcessBuilder pb =
        new ProcessBuilder(javaJar(args.toArray(new String[0])))
            .directory(repo.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    // the README makes one with openssl rand -hex 32
    pb.environment().put("SECRET_KEY", "jar-test-secret-0123456789abcdef0123456789");
    Process p = pb.start();
    try {
      Pattern listening = Pattern.compile("Engagement letters web app on (http://127\\.0\\.0\\.1:\\d+/)");
      String url = null;
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (url == null) {
        Matcher m = listening.matcher(Files.readString(out));
        if (m.find()) {
          url = m.group(1);
        } else if (!p.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("serve did not start; stdout: " + Files.readString(out)
              + "; stderr: " + Files.readString(err));
        } else {
          Thread.sleep(100);
        }
      }
      assertThat(Files.readString(out)).contains("Using the EXAMPLE settings");
      Matcher work = Pattern.compile("work folder (\\S+)\\)").matcher(Files.readString(err));
      assertThat(work.find()).as("the work folder in the log: %s", Files.readString(err)).isTrue();
      Path workFolder = Path.of(work.group(1));
      assertThat(workFolder).isDirectory();

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> page =
          http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
      Matcher token = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"").matcher(page.body());
      assertThat(token.find()).as("a CSRF token in the page").isTrue();
      assertThat(token.group(1)).hasSizeGreaterThan(20);
      assertThat(page.body()).contains("name=\"csrf-token\"", "Example settings in use");
      HttpResponse<String> client =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "static/vendor/socket.io.esm.min.js")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(client.statusCode()).isEqualTo(200);
      assertThat(client.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
      assertThat(client.body()).hasSizeGreaterThan(10_000).contains("Socket.IO v4.8.3");

      // SIGTERM, as Ctrl-C's shutdown: the server stops and removes its work folder
      p.toHandle().destroy();
      assertThat(p.waitFor(1, TimeUnit.MINUTES)).as("serve stopped within a minute of SIGTERM").isTrue();
      assertThat(p.exitValue()).isIn(0, 143);
      assertThat(Files.readString(out)).contains("Stopped; temporary files removed.");
      assertThat(workFolder).doesNotExist();
    } finally {
      if (p.isAlive()) {
        p.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void everyCommandHasHelpAndASmokeTest() throws Exception {
    Run help = run(temp, "--help").expectSuccess();
    assertThat(help.out()).startsWith("Usage: engagement ");
    Set<String> commands = new TreeSet<>();
    boolean inCommands = false;
    for (String line : help.out().split("\n")) {
      if (line.startsWith("Commands:")) {
        inCommands = true;
      } else if (inCommands && line.matches("^  \\S.*")) {
        commands.add(line.strip().split("\\s+")[0]);
      }
    }
    assertThat(commands).contains("rollover", "entities", "pdf", "sign", "socketio-fixture");
    assertThat(SMOKE_TESTED).as("a command of --help without a smoke test in this class").containsAll(commands);

    Map<String, Set<String>> synopsis = Readme.synopsisOptions(Readme.text());
    for (String command : commands) {
      if (command.equals("help")) {
        continue;
      }
      Run usage = run(temp, command, "--help").expectSuccess();
      assertThat(usage.out()).as(command).startsWith("Usage: engagement " + command + " ");
      for (String option : synopsis.getOrDefault(command, Set.of())) {
        assertThat(usage.out()).as("%s --help shows the README's %s", command, option).contains(option);
      }
    }
    assertThat(synopsis.keySet()).as("the README's synopses").isSubsetOf(commands);
    assertThat(run(temp, "help", "sign").expectSuccess().out()).startsWith("Usage: engagement sign ");
    assertThat(run(temp, "--version").expectSuccess().out().strip()).matches("engagement \\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void aUsageErrorExitsWithTwoAndOneLine() throws Exception {
    Run r = run(temp, "rollover", "--years", "sometimes", "x.docx");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("engagement: ").doesNotContain("\n");
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private static Map<String, byte[]> contents(Path dir) throws IOException {
    Map<String, byte[]> contents = new LinkedHashMap<>();
    for (String name : names(dir)) {
      contents.put(name, Files.readAllBytes(dir.resolve(name)));
    }
    return contents;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String docxText(Path docx) throws IOException {
    try (InputStream in = Files.newInputStream(docx);
        XWPFDocument doc = new XWPFDocument(in);
        XWPFWordExtractor x = new XWPFWordExtractor(doc)) {
      return x.getText();
    }
  }

  /** Returns how many XObjects (forms, images) the page's content draws. */
  private static int drawnObjects(PDPage page) throws IOException {
    int n = 0;
    for (Object token : new PDFStreamParser(page).parse()) {
      if (token instanceof Operator op && op.getName().equals("Do")) {
        n++;
      }
    }
    return n;
  }

  /** Collects text frames; answers the server's pings. */
  private static final class Frames implements WebSocket.Listener {
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
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

    String next() throws InterruptedException {
      String f = frames.poll(1, TimeUnit.MINUTES);
      if (f == null) {
        throw new AssertionError("no frame within a minute");
      }
      return f;
    }
  }
}
