package dev.engagement.core;

import static dev.engagement.core.testing.Docx.p;
import static dev.engagement.core.testing.Docx.r;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engagement.core.spi.ProcessListener;
import dev.engagement.core.testing.Docx;
import dev.engagement.core.testing.ReadBack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch: walking, order, events, skip rules, failures that do not stop it, safe outputs. */
final class BatchTest {
  @TempDir Path temp;

  /** Records listener calls as event names and details. */
  static final class RecordingListener implements ProcessListener {
    final List<ProcessEvent> events = new ArrayList<>();
    final ProcessListener delegate = ProcessEvent.listener(events::add);

    @Override
    public void processStart(BatchContext b, String m) {
      delegate.processStart(b, m);
    }

    @Override
    public void processing(BatchContext b, String m) {
      delegate.processing(b, m);
    }

    @Override
    public void result(BatchContext b, FileResult r) {
      delegate.result(b, r);
    }

    @Override
    public void progress(BatchContext b, double v) {
      delegate.progress(b, v);
    }

    @Override
    public void error(BatchContext b, ProcessError e) {
      delegate.error(b, e);
    }

    @Override
    public void complete(BatchContext b, String m) {
      delegate.complete(b, m);
    }

    List<String> types() {
      return events.stream().map(ProcessEvent::type).toList();
    }
  }

  static Map<String, Object> detail(ProcessEvent e) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    ((Map<?, ?>) e.detail()).forEach((k, v) -> m.put((String) k, v));
    return m;
  }

  private Path letter(Path file, String text) {
    return Docx.builder().body(p(r(text))).write(file);
  }

  @Test
  void walksFoldersInAStableOrderKeepsSubfoldersAndDeliversEventsInOrder() throws Exception {
    Path in = temp.resolve("letters");
    letter(in.resolve("b/Zed 2024 Engagement Letter.docx"), "Tax year 2024.");
    letter(in.resolve("a/Alpha 2024 Engagement Letter.docx"), "Tax year 2024.");
    letter(in.resolve("Beta 2024 Engagement Letter.docx"), "Nothing to roll.");
    Files.writeString(in.resolve("notes.txt"), "x");
    Files.write(in.resolve("~$ta 2024 Engagement Letter.docx"), new byte[] {5, 'S', 't'});
    letter(in.resolve("Gamma 2024 Engagement Letter DO NOT ROLL.docx"), "Tax year 2024.");
    Files.write(in.resolve("Broken 2024 Engagement Letter.docx"), "not a zip".getBytes(StandardCharsets.UTF_8));
    Path out = temp.resolve("out");
    RecordingListener rec = new RecordingListener();
    List<FileResult> results = new ArrayList<>();

    BatchSummary summary =
        Batch.builder().listener(rec).threads(3).method("CLI").build()
            .run(Rollover.ofDefaults(), List.of(in), out, results::add);

    assertThat(results).extracting(x -> x.letter().relativePath())
        .containsExactly(
            "Beta 2024 Engagement Letter.docx",
            "Broken 2024 Engagement Letter.docx",
            "Gamma 2024 Engagement Letter DO NOT ROLL.docx",
            "a/Alpha 2024 Engagement Letter.docx",
            "b/Zed 2024 Engagement Letter.docx",
            "notes.txt",
            "~$ta 2024 Engagement Letter.docx");
    assertThat(results).extracting(FileResult::status)
        .containsExactly(Status.UNCHANGED, Status.FAILED, Status.SKIPPED, Status.SUCCESS, Status.SUCCESS,
            Status.SKIPPED, Status.SKIPPED);
    assertThat(results.get(1).message().orElseThrow())
        .contains("Broken 2024 Engagement Letter.docx").contains("not a Word document");
    assertThat(results.get(2).message().orElseThrow()).contains("its name says DO NOT ROLL");
    assertThat(results.get(5).message().orElseThrow()).contains("not a .docx file (.txt)");
    assertThat(results.get(6).message().orElseThrow()).contains("Word lock file");
    assertThat(summary).isEqualTo(new BatchSummary(2, 1, 3, 1));
    assertThat(out.resolve("a/Alpha 2025 Engagement Letter.docx")).exists();
    assertThat(out.resolve("b/Zed 2025 Engagement Letter.docx")).exists();
    try (Stream<Path> s = Files.walk(out)) {
      assertThat(s.filter(Files::isRegularFile)).hasSize(2);
    }

    assertThat(rec.types())
        .containsExactly(
            "process-start", "processing", "progress",
            "process-result", "progress",
            "process-error", "process-result", "progress",
            "process-result", "progress",
            "process-result", "progress",
            "process-result", "progress",
            "process-result", "progress",
            "process-result", "progress",
            "complete");
    ProcessEvent processing = rec.events.get(1);
    assertThat(processing.detail())
        .isEqualTo(Map.of("process", "processEngagementLetters", "method", "CLI", "message", "Processing..."));
    assertThat(rec.events.get(0).detail()).isEqualTo("Processing engagement letters!");
    assertThat(detail(rec.events.get(5)))
        .containsEntry("error", "Letter Processing Error")
        .containsEntry("process", "processEngagementLetters")
        .containsEntry("method", "CLI")
        .containsKey("message");
    assertThat((detail(rec.events.get(5))).keySet()).containsExactly("error", "message", "process", "method");
    // the output relative to the output folder, never a path of this machine (events go to browsers)
    assertThat(detail(rec.events.get(10)))
        .containsEntry("status", "success")
        .containsEntry("filename", "a/Alpha 2025 Engagement Letter.docx");
    assertThat(detail(rec.events.get(6)))
        .containsEntry("status", "failed")
        .containsEntry("filename", "Broken 2024 Engagement Letter.docx");
    assertThat(results.get(3).output()).contains(out.resolve("a/Alpha 2025 Engagement Letter.docx"));
    assertThat(results.get(3).outputName()).contains("a/Alpha 2025 Engagement Letter.docx");
    assertThat(results.get(1).failure().orElseThrow().stage()).isEqualTo(DocumentProcessingException.Stage.OPEN);
    List<Double> progress =
        rec.events.stream().filter(e -> e.type().equals("progress"))
            .map(e -> (Double) ((Map<?, ?>) e.detail()).get("value")).toList();
    assertThat(progress).isSorted().startsWith(0.0).endsWith(1.0).hasSize(8);
    assertThat(rec.events.get(rec.events.size() - 1).detail())
        .isEqualTo("Processed 7 files: 2 rolled, 1 unchanged, 3 skipped, 1 failed.");
  }

  @Test
  void neverOverwritesAndNumbersCollidingNames() throws Exception {
    Path in = temp.resolve("same");
    letter(in.resolve("Smith 2024 Engagement Letter - draft.docx"), "Tax year 2024.");
    letter(in.resolve("Smith 2024 Engagement Letter - final.docx"), "Tax year 2024.");
    Path existing = letter(in.resolve("Smith 2025 Engagement Letter.docx"), "Keep me 2025.");
    byte[] before = Files.readAllBytes(existing);

    List<FileResult> results = new ArrayList<>();
    Batch.builder().threads(2).build().run(Rollover.ofDefaults(), List.of(in), in, results::add);

    assertThat(Files.readAllBytes(existing)).isEqualTo(before);
    assertThat(results).extracting(x -> x.output().map(o -> o.getFileName().toString()).orElse(null))
        .containsExactly(
            "Smith 2025 Engagement Letter (2).docx",
            "Smith 2025 Engagement Letter (3).docx",
            "Smith 2026 Engagement Letter.docx");
  }

  @Test
  void doesNotWalkTheOutputFolderInsideTheInputFolder() throws Exception {
    Path in = temp.resolve("letters");
    letter(in.resolve("A 2024 Engagement Letter.docx"), "Tax year 2024.");
    Path out = in.resolve("rolled");
    Batch batch = Batch.builder().build();
    List<FileResult> first = new ArrayList<>();
    List<FileResult> second = new ArrayList<>();
    assertThat(batch.run(Rollover.ofDefaults(), List.of(in), out, first::add)).isEqualTo(new BatchSummary(1, 0, 0, 0));
    assertThat(batch.run(Rollover.ofDefaults(), List.of(in), out, second::add)).isEqualTo(new BatchSummary(1, 0, 0, 0));
    // the second run finds its output already there (the same bytes): no "(2)" copy
    assertThat(first.get(0).outputAlreadyThere()).isFalse();
    assertThat(second.get(0).outputAlreadyThere()).isTrue();
    assertThat(second.get(0).output()).isEqualTo(first.get(0).output());
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s).containsExactly(out.resolve("A 2025 Engagement Letter.docx"));
    }
  }

  @Test
  void aMissingInputFailsAloneAndTheBatchGoesOn() {
    Path ok = letter(temp.resolve("A 2024 Engagement Letter.docx"), "Tax year 2024.");
    List<FileResult> results = new ArrayList<>();
    BatchSummary s =
        Batch.ofDefaults().run(Rollover.ofDefaults(), List.of(temp.resolve("missing.docx"), ok), temp.resolve("o"), results::add);
    assertThat(s).isEqualTo(new BatchSummary(1, 0, 0, 1));
    assertThat(results.get(0).message().orElseThrow()).contains("missing.docx").contains("does not exist");
  }

  @Test
  void aFailedWriteLeavesNothingBehind() throws Exception {
    Path in = letter(temp.resolve("in/A 2024 Engagement Letter.docx"), "Tax year 2024.");
    Path out = Files.createDirectories(temp.resolve("out"));
    Files.writeString(out.resolve("sub"), "a file where a folder should be");
    List<FileResult> results = new ArrayList<>();
    Batch.ofDefaults().runLetters(
        Rollover.ofDefaults(), List.of(new Letter(in, "sub/A 2024 Engagement Letter.docx")), out, results::add);
    FileResult r = results.get(0);
    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.message().orElseThrow()).contains("stage=write").contains("A 2024 Engagement Letter.docx");
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s).containsExactly(out.resolve("sub"));
    }
  }

  @Test
  void aThrowingListenerIsLoggedAndTheBatchGoesOn() {
    letter(temp.resolve("in/A 2024 Engagement Letter.docx"), "Tax year 2024.");
    RecordingListener rec = new RecordingListener();
    ProcessListener thrower =
        new ProcessListener() {
          @Override
          public void progress(BatchContext batch, double value) {
            throw new IllegalStateException("boom");
          }
        };
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    BatchSummary s;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      s = Batch.builder().listener(thrower).listener(rec).build()
          .run(Rollover.ofDefaults(), List.of(temp.resolve("in")), temp.resolve("out"));
    } finally {
      System.setErr(err);
    }
    assertThat(s.success()).isEqualTo(1);
    assertThat(rec.types()).endsWith("complete");
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("WARN")
        .contains(thrower.getClass().getName())
        .contains("boom");
  }

  @Test
  void anEmptyBatchStillCompletesWithFullProgress() {
    RecordingListener rec = new RecordingListener();
    BatchSummary s = Batch.builder().listener(rec).build().run(Rollover.ofDefaults(), List.of(), temp);
    assertThat(s.total()).isZero();
    assertThat(rec.types()).containsExactly("process-start", "processing", "progress", "progress", "complete");
  }

  @Test
  void theOutputReadsBackWithPoi() {
    Path in = letter(temp.resolve("in/A 2024 Engagement Letter.docx"), "Tax year 2024.");
    FileResult r = Rollover.ofDefaults().roll(in, temp.resolve("out"));
    assertThat(ReadBack.poiParagraphs(r.output().orElseThrow())).containsExactly("Tax year 2025.");
  }
}
