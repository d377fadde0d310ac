package dev.engagement.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engagement.core.DocumentProcessingException.Stage;
import dev.engagement.core.testing.Stderr;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A job of the user's own (a test double, a firm's extra step) gets, through public API only,
 * what the built-in jobs get: its input's bytes, a context with temporary files, and the same
 * safe, atomic, input-ordered placing of what it returns.
 */
final class UserJobTest {
  @TempDir Path temp;

  /** A job made of a function; counts its calls. */
  static final class FnJob implements Job {
    final AtomicInteger calls = new AtomicInteger();
    private final BiFunction<Letter, byte[], Outcome> body;

    FnJob(BiFunction<Letter, byte[], Outcome> body) {
      this.body = body;
    }

    @Override
    public String processName() {
      return "fnJob";
    }

    @Override
    public Outcome process(Letter letter, byte[] content, JobContext context) {
      calls.incrementAndGet();
      return body.apply(letter, content);
    }
  }

  private Path inputs(int n) throws IOException {
    Path in = Files.createDirectories(temp.resolve("in"));
    for (int i = 0; i < n; i++) {
      Files.writeString(in.resolve(String.format(Locale.ROOT, "%02d.txt", i)), "letter " + i);
    }
    return in;
  }

  private static FileResult success(Job job, Letter letter) {
    return FileResult.builder(job.processName(), letter, Status.SUCCESS).build();
  }

  private static List<Path> temporaryFiles(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(".~engagement-")).toList();
    }
  }

  @Test
  void outputsArePlacedInInputOrderWhicheverLetterFinishesFirst() throws Exception {
    Path in = inputs(16);
    Job[] self = new Job[1];
    Job job =
        new FnJob(
            (letter, content) -> {
              int i = Integer.parseInt(letter.fileName().substring(0, 2));
              try {
                Thread.sleep((16 - i) * 3L); // later letters finish first
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return Outcome.write(success(self[0], letter), "same.txt", content);
            });
    self[0] = job;
    Path out = temp.resolve("out");
    List<FileResult> results = new ArrayList<>();

    BatchSummary s = Batch.builder().threads(4).build().run(job, List.of(in), out, results::add);

    assertThat(s).isEqualTo(new BatchSummary(16, 0, 0, 0));
    for (int i = 0; i < 16; i++) {
      String name = i == 0 ? "same.txt" : "same (" + (i + 1) + ").txt";
      assertThat(results.get(i).letter().fileName()).isEqualTo(String.format(Locale.ROOT, "%02d.txt", i));
      assertThat(results.get(i).output()).contains(out.resolve(name));
      assertThat(Files.readString(out.resolve(name))).isEqualTo("letter " + i);
    }
    assertThat(temporaryFiles(out)).isEmpty();
  }

  @Test
  void aJobMovesAFileItMadeInItsContextAndItsOtherTemporaryFilesAreDeleted() throws Exception {
    Path in = inputs(3);
    Set<Path> made = ConcurrentHashMap.newKeySet();
    Job job =
        new Job() {
          @Override
          public String processName() {
            return "pdfLike";
          }

          @Override
          public Outcome process(Letter letter, byte[] content, JobContext context) {
            try {
              Path scratch = context.createTempFile(".docx");
              Path pdf = context.createTempFile(".pdf");
              made.add(scratch);
              made.add(pdf);
              assertThat(context.batch().process()).isEqualTo("pdfLike");
              Files.write(pdf, content);
              String name = letter.fileName().replace(".txt", ".pdf");
              return Outcome.move(FileResult.builder(processName(), letter, Status.SUCCESS).build(), name, pdf);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        };
    Path out = temp.resolve("out");
    List<FileResult> results = new ArrayList<>();

    Batch.builder().threads(2).build().run(job, List.of(in), out, results::add);

    assertThat(results).extracting(FileResult::status).containsOnly(Status.SUCCESS);
    assertThat(Files.readString(out.resolve("01.pdf"))).isEqualTo("letter 1");
    assertThat(made).hasSize(6).allSatisfy(p -> assertThat(p).doesNotExist());
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("00.pdf", "01.pdf", "02.pdf");
    }
  }

  @Test
  void aJobCannotMoveAFileItDidNotGetFromItsContext() throws Exception {
    Path in = inputs(1);
    Path precious = Files.writeString(temp.resolve("precious.txt"), "keep me");
    Job[] self = new Job[1];
    self[0] = new FnJob((letter, content) -> Outcome.move(success(self[0], letter), "x.txt", precious));
    List<FileResult> results = new ArrayList<>();

    Batch.ofDefaults().run(self[0], List.of(in), temp.resolve("out"), results::add);

    assertThat(results.get(0).failure().orElseThrow().stage()).isEqualTo(Stage.INTERNAL);
    assertThat(results.get(0).message().orElseThrow()).contains("createTempFile");
    assertThat(precious).hasContent("keep me");
    assertThat(temp.resolve("out/x.txt")).doesNotExist();
  }

  @Test
  void aJobThatWritesRefusesToRunWithoutAnOutputFolder() throws Exception {
    Path in = inputs(2);
    FnJob job = new FnJob((letter, content) -> Outcome.of(FileResult.builder("fnJob", letter, Status.UNCHANGED).build()));
    List<FileResult> results = new ArrayList<>();

    assertThatThrownBy(() -> Batch.ofDefaults().run(job, List.of(in), results::add))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("output folder");
    assertThat(job.calls.get()).isZero();
    assertThat(results).isEmpty();
  }

  @Test
  void outputNamesMustBePlainFileNames() {
    Letter letter = new Letter(temp.resolve("a.txt"), "a.txt");
    FileResult ok = FileResult.builder("p", letter, Status.SUCCESS).build();
    for (String bad : List.of("../a.txt", "sub/a.txt", "", "..", ".~engagement-1-x.tmp")) {
      assertThatThrownBy(() -> Outcome.write(ok, bad, new byte[0])).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    FileResult unchanged = FileResult.builder("p", letter, Status.UNCHANGED).build();
    assertThatThrownBy(() -> Outcome.write(unchanged, "a.txt", new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only a success has an output");
  }

  @Test
  void aDocumentProcessingExceptionBecomesATypedFailure() throws Exception {
    Path in = inputs(2);
    Job job =
        new FnJob(
            (letter, content) -> {
              throw new DocumentProcessingException(
                  "Could not print the letter", letter.relativePath(), Stage.CONVERT, "the office hung", null);
            });
    List<FileResult> results = new ArrayList<>();

    BatchSummary s = Batch.ofDefaults().run(job, List.of(in), temp.resolve("out"), results::add);

    assertThat(s.failed()).isEqualTo(2);
    FileResult r = results.get(0);
    assertThat(r.failure()).contains(new Failure(Stage.CONVERT, "Could not print the letter", "the office hung"));
    assertThat(r.message()).contains("Could not print the letter [file=00.txt, stage=convert]: the office hung");
    assertThat(temp.resolve("out")).doesNotExist();
  }

  @Test
  void anUnexpectedExceptionIsAnInternalFailureLoggedAsABugAndTheBatchGoesOn() throws Exception {
    Path in = inputs(3);
    Job[] self = new Job[1];
    self[0] =
        new FnJob(
            (letter, content) -> {
              if (letter.fileName().equals("01.txt")) {
                throw new IllegalStateException("a bug in the job");
              }
              return Outcome.write(success(self[0], letter), letter.fileName(), content);
            });
    List<FileResult> results = new ArrayList<>();

    String log = Stderr.capture(() -> Batch.ofDefaults().run(self[0], List.of(in), temp.resolve("out"), results::add));

    assertThat(results).extracting(FileResult::status).containsExactly(Status.SUCCESS, Status.FAILED, Status.SUCCESS);
    Failure f = results.get(1).failure().orElseThrow();
    assertThat(f.stage()).isEqualTo(Stage.INTERNAL);
    assertThat(f.reason()).contains("a bug in the job");
    assertThat(log).contains("ERROR").contains("01.txt").contains("a bug in the job");
  }

  @ParameterizedTest
  @ValueSource(strings = {"OutOfMemoryError", "StackOverflowError"})
  void errorsAreNotTurnedIntoResultsAndLeaveNoTemporaryFile(String kind) throws Exception {
    Path in = inputs(6);
    Job[] self = new Job[1];
    self[0] =
        new FnJob(
            (letter, content) -> {
              if (letter.fileName().equals("03.txt")) {
                throw kind.equals("OutOfMemoryError") ? new OutOfMemoryError("test") : new StackOverflowError("test");
              }
              return Outcome.write(success(self[0], letter), letter.fileName(), content);
            });
    Path out = temp.resolve("out");
    List<FileResult> results = new ArrayList<>();

    assertThatThrownBy(() -> Batch.builder().threads(2).build().run(self[0], List.of(in), out, results::add))
        .isInstanceOf(kind.equals("OutOfMemoryError") ? OutOfMemoryError.class : StackOverflowError.class);

    assertThat(results).extracting(r -> r.letter().fileName()).containsExactly("00.txt", "01.txt", "02.txt");
    assertThat(temporaryFiles(out)).isEmpty();
  }

  @Test
  void withNoListenerAndNoConsumerEachFailedLetterIsLoggedOnceAtWarn() throws Exception {
    Path in = temp.resolve("in");
    Files.createDirectories(in);
    Files.writeString(in.resolve("A 2024 Engagement Letter.docx"), "not a zip");
    Files.writeString(in.resolve("B 2024 Engagement Letter.docx"), "<html>not a zip</html>");

    String alone = Stderr.capture(() -> Batch.ofDefaults().run(Rollover.ofDefaults(), List.of(in), temp.resolve("o1")));
    String observed =
        Stderr.capture(() -> Batch.ofDefaults().run(Rollover.ofDefaults(), List.of(in), temp.resolve("o2"), r -> {}));

    List<String> warnings = alone.lines().filter(l -> l.contains("WARN")).toList();
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(0)).contains("A 2024 Engagement Letter.docx").contains("stage=open");
    assertThat(warnings.get(1)).contains("B 2024 Engagement Letter.docx").contains("HTML");
    assertThat(observed).doesNotContain("WARN");
  }

  @Test
  void theContextsTemporaryFilesAreGoneWhenTheNextLetterStarts() throws Exception {
    Path in = inputs(3);
    List<Path> previous = new ArrayList<>();
    List<Boolean> goneBeforeNext = new ArrayList<>();
    Job job =
        new Job() {
          @Override
          public String processName() {
            return "scratch";
          }

          @Override
          public Outcome process(Letter letter, byte[] content, JobContext context) {
            for (Path p : previous) {
              goneBeforeNext.add(Files.notExists(p));
            }
            try {
              previous.add(Files.writeString(context.createTempFile(".tmp"), "scratch"));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            return Outcome.of(FileResult.builder(processName(), letter, Status.UNCHANGED).build());
          }
        };

    Batch.builder().threads(1).build().run(job, List.of(in), temp.resolve("out"));

    assertThat(goneBeforeNext).hasSize(3).containsOnly(true);
    assertThat(previous).allSatisfy(p -> assertThat(p).doesNotExist());
    assertThat(temporaryFiles(temp.resolve("out"))).isEmpty();
  }

  @Test
  void theBytesTheJobGetsAreTheInputsAndTheInputIsNeverWritten() throws Exception {
    Path in = inputs(1);
    byte[] before = Files.readAllBytes(in.resolve("00.txt"));
    byte[][] seen = new byte[1][];
    Job[] self = new Job[1];
    self[0] =
        new FnJob(
            (letter, content) -> {
              seen[0] = content.clone();
              return Outcome.write(
                  success(self[0], letter),
                  letter.fileName(),
                  new String(content, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            });
    List<FileResult> results = new ArrayList<>();

    Batch.ofDefaults().run(self[0], List.of(in), in, results::add);

    assertThat(seen[0]).isEqualTo(before);
    assertThat(Files.readAllBytes(in.resolve("00.txt"))).isEqualTo(before);
    assertThat(results.get(0).output()).contains(in.resolve("00 (2).txt"));
    assertThat(in.resolve("00 (2).txt")).hasContent("LETTER 0");
  }
}
