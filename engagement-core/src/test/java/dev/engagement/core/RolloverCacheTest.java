package dev.engagement.core;

import static dev.engagement.core.testing.Docx.p;
import static dev.engagement.core.testing.Docx.r;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engagement.core.testing.Docx;
import dev.engagement.core.testing.FakeResultCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** Rollover with a result cache: hits write the same output without rolling again. */
final class RolloverCacheTest {
  @TempDir Path temp;

  private Path letter(String name, String text) {
    return Docx.builder().body(p(r(text))).write(temp.resolve("in").resolve(name));
  }

  @Test
  void aSecondRunComesFromTheCacheWithByteIdenticalOutputs() throws Exception {
    letter("A 2024 Engagement Letter.docx", "Tax year 2024, since 2016.");
    letter("B Engagement Letter.docx", "Nothing to roll.");
    FakeResultCache cache = new FakeResultCache();
    Rollover rollover = Rollover.builder().resultCache(cache).build();

    List<FileResult> first = new java.util.ArrayList<>();
    Batch.ofDefaults().run(rollover, List.of(temp.resolve("in")), temp.resolve("out1"), first::add);
    List<FileResult> second = new java.util.ArrayList<>();
    Batch.ofDefaults().run(rollover, List.of(temp.resolve("in")), temp.resolve("out2"), second::add);

    assertThat(first).extracting(FileResult::cached).containsExactly(false, false);
    assertThat(second).extracting(FileResult::cached).containsExactly(true, true);
    assertThat(second).extracting(FileResult::status).containsExactly(Status.SUCCESS, Status.UNCHANGED);
    assertThat(cache.puts.get()).isEqualTo(2);
    Path o1 = first.get(0).output().orElseThrow();
    Path o2 = second.get(0).output().orElseThrow();
    assertThat(o2.getFileName()).isEqualTo(o1.getFileName());
    assertThat(Files.readAllBytes(o2)).isEqualTo(Files.readAllBytes(o1));
    assertThat(second.get(0).changes()).isEqualTo(first.get(0).changes());
    assertThat(second.get(0).yearsLeftAlone()).isEqualTo(first.get(0).yearsLeftAlone());
    assertThat(second.get(1).message()).isEqualTo(first.get(1).message());
  }

  @Test
  void theSameOutputAsWithoutACache() throws Exception {
    Path in = letter("A 2024 Engagement Letter.docx", "Tax year 2024.");
    Path plain = Rollover.ofDefaults().roll(in, temp.resolve("plain")).output().orElseThrow();
    Path cached =
        Rollover.builder().resultCache(new FakeResultCache()).build().roll(in, temp.resolve("cached"))
            .output().orElseThrow();
    assertThat(Files.readAllBytes(cached)).isEqualTo(Files.readAllBytes(plain));
  }

  @Test
  void settingsThatMatterAndTheNameChangeTheKey() {
    Path in = letter("A 2024 Engagement Letter.docx", "Tax year 2024.");
    FakeResultCache cache = new FakeResultCache();
    Rollover.builder().resultCache(cache).build().roll(in, temp.resolve("o"));
    Rollover.builder().resultCache(cache).years(YearPolicy.ALL).build().roll(in, temp.resolve("o"));
    Rollover.builder()
        .resultCache(cache)
        .settings(Settings.ofDefaults().with(Settings.CONSULTING_ASSOCIATE_RATES, "$1-2"))
        .build()
        .roll(in, temp.resolve("o"));
    Path renamed = letter("A 2023 Engagement Letter.docx", "Tax year 2024.");
    Rollover.builder().resultCache(cache).build().roll(renamed, temp.resolve("o"));
    Rollover.builder()
        .resultCache(cache)
        .settings(Settings.ofDefaults().with(Settings.PDF_FILES_DIRECTORY, "elsewhere"))
        .build()
        .roll(in, temp.resolve("o"));
    assertThat(cache.values).hasSize(4);
  }

  @Test
  void aFailingCacheFailsTheLetterAndWritesNothing() {
    Path in = letter("A 2024 Engagement Letter.docx", "Tax year 2024.");
    FakeResultCache cache = new FakeResultCache();
    cache.failing = true;
    FileResult r = Rollover.builder().resultCache(cache).build().roll(in, temp.resolve("out"));
    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.message().orElseThrow())
        .contains("A 2024 Engagement Letter.docx")
        .contains("stage=cache")
        .contains("cache server down");
    assertThat(temp.resolve("out")).doesNotExist();
  }

  @Test
  void anUnreadableEntryIsAMiss() {
    Path in = letter("A 2024 Engagement Letter.docx", "Tax year 2024.");
    FakeResultCache cache = new FakeResultCache();
    Rollover rollover = Rollover.builder().resultCache(cache).build();
    rollover.roll(in, temp.resolve("o1"));
    for (Map.Entry<String, byte[]> e : cache.values.entrySet()) {
      e.setValue(new byte[] {1, 2, 3});
    }
    FileResult r = rollover.roll(in, temp.resolve("o2"));
    assertThat(r.status()).isEqualTo(Status.SUCCESS);
    assertThat(r.cached()).isFalse();
  }

  static Stream<Arguments> damages() {
    UnaryOperator<byte[]> cutOneByte = v -> Arrays.copyOf(v, v.length - 1);
    UnaryOperator<byte[]> flipSixteenBytes =
        v -> {
          byte[] d = v.clone();
          for (int i = 0; i < 16; i++) {
            d[d.length - 100 - i] ^= (byte) 0x5a; // in the output's bytes, past the header
          }
          return d;
        };
    UnaryOperator<byte[]> appendHundredBytes = v -> Arrays.copyOf(v, v.length + 100);
    UnaryOperator<byte[]> oldFormat =
        v -> {
          byte[] d = v.clone();
          d[3] = '1';
          return d;
        };
    return Stream.of(
        Arguments.of("cut one byte", cutOneByte),
        Arguments.of("flipped 16 bytes", flipSixteenBytes),
        Arguments.of("appended 100 bytes", appendHundredBytes),
        Arguments.of("another format's tag", oldFormat));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damages")
  void aDamagedEntryIsAMissIsRemovedAndNeverWritten(String what, UnaryOperator<byte[]> damage) throws Exception {
    Path in = letter("A 2024 Engagement Letter.docx", "Tax year 2024.");
    FakeResultCache cache = new FakeResultCache();
    Rollover rollover = Rollover.builder().resultCache(cache).build();
    byte[] expected = Files.readAllBytes(rollover.roll(in, temp.resolve("o1")).output().orElseThrow());
    assertThat(cache.values).hasSize(1);
    cache.values.replaceAll((k, v) -> damage.apply(v));

    FileResult r = rollover.roll(in, temp.resolve("o2"));

    assertThat(r.status()).isEqualTo(Status.SUCCESS);
    assertThat(r.cached()).isFalse();
    assertThat(cache.removes.get()).isEqualTo(1);
    assertThat(Files.readAllBytes(r.output().orElseThrow())).isEqualTo(expected);
    // the fresh result replaced the damaged value, and it checks out again
    FileResult third = rollover.roll(in, temp.resolve("o3"));
    assertThat(third.cached()).isTrue();
    assertThat(Files.readAllBytes(third.output().orElseThrow())).isEqualTo(expected);
  }

  @Test
  void failuresAndDryRunsAreNotCached() throws Exception {
    Path bad = temp.resolve("in/Bad 2024 Engagement Letter.docx");
    Files.createDirectories(bad.getParent());
    Files.writeString(bad, "not a zip");
    FakeResultCache cache = new FakeResultCache();
    Rollover.builder().resultCache(cache).build().roll(bad, temp.resolve("o"));
    Path in = letter("A 2024 Engagement Letter.docx", "Tax year 2024.");
    Rollover.builder().resultCache(cache).dryRun(true).build().roll(in, temp.resolve("o"));
    assertThat(cache.values).isEmpty();
    assertThat(cache.gets.get()).isEqualTo(1);
  }
}
