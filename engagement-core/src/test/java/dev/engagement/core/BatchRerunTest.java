package dev.engagement.core;

import static dev.engagement.core.testing.Docx.p;
import static dev.engagement.core.testing.Docx.r;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engagement.core.testing.Docx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reruns: an interrupted batch completes without duplicates (outputs already there are
 * recognised by their bytes), temporary files of dead processes are removed and those of live
 * ones left, and a dry run previews the names a real run would give.
 */
final class BatchRerunTest {
  @TempDir Path temp;

  private Path letters() {
    Path in = temp.resolve("in");
    Docx.builder().body(p(r("Tax year 2024."))).write(in.resolve("Smith 2024 Engagement Letter - draft.docx"));
    Docx.builder().body(p(r("Tax year 2024, final."))).write(in.resolve("Smith 2024 Engagement Letter - final.docx"));
    Docx.builder().body(p(r("Fiscal 2024."))).write(in.resolve("sub/Jones 2024 Engagement Letter.docx"));
    Docx.builder().body(p(r("Nothing to roll."))).write(in.resolve("sub/Unchanged Engagement Letter.docx"));
    // two inputs with the same bytes that want the same name
    Docx.builder().body(p(r("Copy 2024."))).write(in.resolve("Copy 2024 Engagement Letter - a.docx"));
    Docx.builder().body(p(r("Copy 2024."))).write(in.resolve("Copy 2024 Engagement Letter - b.docx"));
    return in;
  }

  private static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return m;
  }

  private static void assertSameFiles(Map<String, byte[]> actual, Map<String, byte[]> expected) {
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    for (String k : expected.keySet()) {
      assertThat(actual.get(k)).as(k).isEqualTo(expected.get(k));
    }
  }

  /** A process id that is no longer running. */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    long pid = p.pid();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    return pid;
  }

  @Test
  void aRerunCompletesAnInterruptedBatchWithoutDuplicates() throws Exception {
    Path in = letters();
    Path reference = temp.resolve("reference");
    Batch.ofDefaults().run(Rollover.ofDefaults(), List.of(in), reference);
    Map<String, byte[]> expected = files(reference);
    assertThat(expected.keySet())
        .containsExactly(
            "Copy 2025 Engagement Letter (2).docx",
            "Copy 2025 Engagement Letter.docx",
            "Smith 2025 Engagement Letter (2).docx",
            "Smith 2025 Engagement Letter.docx",
            "sub/Jones 2025 Engagement Letter.docx");

    // what an interrupted run leaves: some outputs, temporary files of a dead process (one linked
    // into place already, one not), its work folder; and the temporary file of a live process
    Path out = temp.resolve("out");
    Files.createDirectories(out.resolve("sub"));
    Files.copy(reference.resolve("Copy 2025 Engagement Letter.docx"), out.resolve("Copy 2025 Engagement Letter.docx"));
    Files.copy(reference.resolve("Smith 2025 Engagement Letter.docx"), out.resolve("Smith 2025 Engagement Letter.docx"));
    long dead = deadPid();
    Path staleLinked = out.resolve(".~engagement-" + dead + "-abc-7.tmp");
    Files.createLink(staleLinked, out.resolve("Smith 2025 Engagement Letter.docx"));
    Path staleHalf = Files.write(out.resolve("sub/.~engagement-" + dead + "-abc-8.tmp"), new byte[] {'P', 'K'});
    Path staleWork = Files.createDirectories(out.resolve(".~engagement-" + dead + "-abc.work"));
    Files.writeString(staleWork.resolve("1.pdf"), "half a PDF");
    long live = ProcessHandle.current().parent().orElseThrow().pid();
    Path liveTemp = Files.writeString(out.resolve(".~engagement-" + live + "-def-1.tmp"), "someone else's");
    Path noPid = Files.writeString(out.resolve(".~engagement-3f2a.tmp"), "no process id: left");

    List<FileResult> results = new ArrayList<>();
    BatchSummary s = Batch.builder().threads(2).build().run(Rollover.ofDefaults(), List.of(in), out, results::add);

    assertThat(s).isEqualTo(new BatchSummary(5, 1, 0, 0));
    assertThat(results)
        .filteredOn(x -> x.status() == Status.SUCCESS)
        .extracting(x -> x.outputName().orElseThrow() + (x.outputAlreadyThere() ? " (already there)" : ""))
        .containsExactly(
            "Copy 2025 Engagement Letter.docx (already there)",
            "Copy 2025 Engagement Letter (2).docx",
            "Smith 2025 Engagement Letter.docx (already there)",
            "Smith 2025 Engagement Letter (2).docx",
            "sub/Jones 2025 Engagement Letter.docx");
    assertThat(staleLinked).doesNotExist();
    assertThat(staleHalf).doesNotExist();
    assertThat(staleWork).doesNotExist();
    assertThat(liveTemp).exists();
    assertThat(noPid).exists();
    Files.delete(liveTemp);
    Files.delete(noPid);
    assertSameFiles(files(out), expected);

    // and a third run adds nothing
    List<FileResult> third = new ArrayList<>();
    Batch.ofDefaults().run(Rollover.ofDefaults(), List.of(in), out, third::add);
    assertThat(third).filteredOn(x -> x.status() == Status.SUCCESS).allMatch(FileResult::outputAlreadyThere);
    assertSameFiles(files(out), expected);
  }

  @Test
  void aDryRunPreviewsTheNamesARealRunWouldGiveAndWritesNothing() throws Exception {
    Path in = letters();
    Path out = temp.resolve("out");
    Rollover dry = Rollover.builder().dryRun(true).build();
    List<FileResult> preview = new ArrayList<>();

    Batch.ofDefaults().run(dry, List.of(in), out, preview::add);

    assertThat(out).doesNotExist();
    List<FileResult> real = new ArrayList<>();
    Batch.ofDefaults().run(Rollover.ofDefaults(), List.of(in), out, real::add);
    assertThat(preview).extracting(x -> x.outputName().orElse("-"))
        .containsExactly(
            "Copy 2025 Engagement Letter.docx",
            "Copy 2025 Engagement Letter (2).docx",
            "Smith 2025 Engagement Letter.docx",
            "Smith 2025 Engagement Letter (2).docx",
            "sub/Jones 2025 Engagement Letter.docx",
            "-")
        .isEqualTo(real.stream().map(x -> x.outputName().orElse("-")).toList());
    assertThat(preview).extracting(x -> x.output().orElse(null))
        .isEqualTo(real.stream().map(x -> x.output().orElse(null)).toList());

    // after the real run, a dry run previews every output as already there, and writes nothing
    Map<String, byte[]> before = files(out);
    List<FileResult> again = new ArrayList<>();
    Batch.ofDefaults().run(dry, List.of(in), out, again::add);
    assertThat(again).filteredOn(x -> x.status() == Status.SUCCESS).hasSize(5).allMatch(FileResult::outputAlreadyThere);
    assertSameFiles(files(out), before);
  }

  @Test
  void aNameThatHoldsOtherBytesIsLeftAndTheOutputNumbered() throws Exception {
    Path in = temp.resolve("in");
    Path letter = Docx.builder().body(p(r("Tax year 2024."))).write(in.resolve("A 2024 Engagement Letter.docx"));
    Path out = Files.createDirectories(temp.resolve("out"));
    byte[] other = Docx.builder().body(p(r("Another letter 2025."))).bytes();
    Files.write(out.resolve("A 2025 Engagement Letter.docx"), other);

    FileResult r = Rollover.ofDefaults().roll(letter, out);

    assertThat(r.output()).contains(out.resolve("A 2025 Engagement Letter (2).docx"));
    assertThat(r.outputAlreadyThere()).isFalse();
    assertThat(Files.readAllBytes(out.resolve("A 2025 Engagement Letter.docx"))).isEqualTo(other);
  }
}
