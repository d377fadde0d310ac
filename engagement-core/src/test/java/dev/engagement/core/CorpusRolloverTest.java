package dev.engagement.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engagement.core.testing.Corpus;
import dev.engagement.core.testing.ReadBack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rolls every file of the shared corpus, with the year window and with all years, and checks the
 * outputs by reading them back independently (java.util.zip, the JDK's DOM parser, Apache POI):
 * text other than rolled years is identical, every run keeps its formatting, every other part is
 * byte-identical, the input is untouched, and hostile files end as {@code index.tsv} says.
 */
final class CorpusRolloverTest {
  @TempDir Path temp;

  static Stream<Arguments> files() {
    List<Arguments> out = new ArrayList<>();
    for (Corpus.Entry e : Corpus.entries()) {
      for (YearPolicy policy : YearPolicy.values()) {
        out.add(Arguments.of(e, policy));
      }
    }
    return out.stream();
  }

  @Test
  void indexListsEveryCorpusFile() throws IOException {
    Set<String> listed = new TreeSet<>();
    for (Corpus.Entry e : Corpus.entries()) {
      listed.add(e.relative());
    }
    Set<String> onDisk = new TreeSet<>();
    for (String kind : List.of("real", "hostile")) {
      try (Stream<Path> s = Files.walk(Corpus.dir().resolve(kind))) {
        s.filter(Files::isRegularFile)
            .forEach(p -> onDisk.add(Corpus.dir().relativize(p).toString().replace('\\', '/')));
      }
    }
    assertThat(onDisk).isEqualTo(listed).hasSizeGreaterThan(140);
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("files")
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void rollsOrFailsCleanly(Corpus.Entry entry, YearPolicy policy) throws Exception {
    Path out = temp.resolve("out");
    Rollover rollover = Rollover.builder().years(policy).build();
    byte[] inputHash = sha256(entry.path());
    Letter letter = new Letter(entry.path(), entry.path().getFileName().toString());

    FileResult result =
        rollover.skipReason(letter).map(r -> FileResult.skipped(Rollover.PROCESS, letter, r))
            .orElseGet(() -> rollover.roll(entry.path(), out));

    assertThat(sha256(entry.path())).as("the input is never modified").isEqualTo(inputHash);
    String name = entry.path().getFileName().toString();
    boolean docx = name.toLowerCase(java.util.Locale.ROOT).endsWith(".docx");
    if (!docx) {
      assertThat(result.status()).isEqualTo(Status.SKIPPED);
      assertThat(result.message()).isPresent();
    } else if (entry.expected().equals("must-fail-cleanly") && !entry.eitherOutcomeOk()) {
      assertThat(result.status()).as(result.toString()).isEqualTo(Status.FAILED);
      assertThat(result.message().orElseThrow()).contains(name).contains("stage=");
    } else if (entry.expected().equals("opens")) {
      assertThat(result.status()).as(result.toString()).isIn(Status.SUCCESS, Status.UNCHANGED);
    } else {
      assertThat(result.status()).as(result.toString()).isIn(Status.SUCCESS, Status.UNCHANGED, Status.FAILED);
    }
    if (result.status() == Status.SUCCESS) {
      Path output = result.output().orElseThrow();
      assertThat(output).exists().hasParent(out);
      assertThat(listFiles(out)).containsExactly(output);
      verifyOutput(entry.path(), output, result);
    } else {
      assertThat(result.output()).isEmpty();
      assertThat(listFiles(out)).as("nothing is left behind").isEmpty();
    }
  }

  private static void verifyOutput(Path input, Path output, FileResult result) {
    Map<String, byte[]> before = ReadBack.entries(input);
    Map<String, byte[]> after = ReadBack.entries(output);
    Set<String> expectedNames = new HashSet<>(before.keySet());
    expectedNames.removeIf(n -> n.contains("..") || n.startsWith("/"));
    assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(expectedNames);

    Map<String, Set<Integer>> changedParagraphs = new HashMap<>();
    int changedParts = 0;
    for (String name : after.keySet()) {
      byte[] a = before.get(name);
      byte[] b = after.get(name);
      if (Arrays.equals(a, b)) {
        continue;
      }
      changedParts++;
      assertThat(name).as("only XML story parts change").endsWith(".xml").startsWith("word/");
      List<ReadBack.TextNode> ta = ReadBack.textNodes(a);
      List<ReadBack.TextNode> tb = ReadBack.textNodes(b);
      assertThat(tb).as("same w:t nodes in " + name).hasSameSizeAs(ta);
      for (int i = 0; i < ta.size(); i++) {
        assertThat(tb.get(i).rPr()).as("run formatting of w:t #" + i + " in " + name).isEqualTo(ta.get(i).rPr());
      }
      List<String> pa = ReadBack.paragraphs(a);
      List<String> pb = ReadBack.paragraphs(b);
      assertThat(pb).hasSameSizeAs(pa);
      Set<Integer> changed = new TreeSet<>();
      for (int i = 0; i < pa.size(); i++) {
        assertThat(ReadBack.differenceOtherThanRolledYears(pa.get(i), pb.get(i)))
            .as("paragraph %d of %s", i + 1, name)
            .isNull();
        if (!pa.get(i).equals(pb.get(i))) {
          changed.add(i + 1);
        }
      }
      changedParagraphs.put(name, changed);
    }
    assertThat(changedParts).as("a success changes at least one part").isPositive();
    Map<String, Set<Integer>> reported = new HashMap<>();
    for (Change c : result.changes()) {
      reported.computeIfAbsent(c.part(), k -> new TreeSet<>()).add(c.paragraph());
    }
    changedParagraphs.values().removeIf(Set::isEmpty);
    assertThat(reported).as("the report names the paragraphs that changed").isEqualTo(changedParagraphs);

    List<String> poiBefore = poiOrNull(input);
    List<String> poiAfter = ReadBack.poiParagraphs(output);
    if (poiBefore != null) {
      assertThat(poiAfter).hasSameSizeAs(poiBefore);
      for (int i = 0; i < poiBefore.size(); i++) {
        assertThat(ReadBack.differenceOtherThanRolledYears(poiBefore.get(i), poiAfter.get(i)))
            .as("POI paragraph %d", i)
            .isNull();
      }
    }
  }

  private static List<String> poiOrNull(Path input) {
    try {
      return ReadBack.poiParagraphs(input);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static List<Path> listFiles(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  static byte[] sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      md.update(in.readAllBytes());
    }
    return md.digest();
  }
}
