package dev.engagement.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shared robustness corpus in {@code ../shared/corpus}: real documents and hostile files,
 * with the expected outcome of each from {@code index.tsv}. The files belong to other projects
 * and are read in place, never copied into this repository.
 */
public final class Corpus {
  private Corpus() {}

  /**
   * One corpus file.
   *
   * @param path the file
   * @param relative its path relative to the corpus, e.g. {@code real/poi-tl/636.docx}
   * @param kind {@code real} or {@code hostile}
   * @param expected {@code opens} or {@code must-fail-cleanly}
   * @param features the feature tags
   */
  public record Entry(Path path, String relative, String kind, String expected, Set<String> features) {
    /** Returns whether either outcome is acceptable. */
    public boolean eitherOutcomeOk() {
      return features.contains("either-outcome-ok");
    }

    @Override
    public String toString() {
      return relative;
    }
  }

  /** Returns the shared folder ({@code ../shared} beside the repository). */
  public static Path sharedDir() {
    String dir = System.getProperty("engagement.shared.dir");
    Path p = dir != null ? Path.of(dir) : Path.of("..", "..", "shared");
    if (!Files.isDirectory(p.resolve("corpus"))) {
      throw new IllegalStateException(
          "The shared corpus is missing: expected " + p.toAbsolutePath().normalize()
              + "/corpus (the repository's ../shared folder); the tests run the whole corpus");
    }
    return p;
  }

  /** Returns the corpus folder. */
  public static Path dir() {
    return sharedDir().resolve("corpus");
  }

  /** Returns every entry of {@code index.tsv}. */
  public static List<Entry> entries() {
    Path dir = dir();
    List<Entry> out = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(dir.resolve("index.tsv"));
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        out.add(new Entry(dir.resolve(f[0]), f[0], f[1], f[2],
            new TreeSet<>(Arrays.asList(f.length > 3 ? f[3].split(",") : new String[0]))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Returns the entries of one kind ({@code real} or {@code hostile}). */
  public static List<Entry> entries(String kind) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries()) {
      if (e.kind().equals(kind)) {
        out.add(e);
      }
    }
    return out;
  }
}
