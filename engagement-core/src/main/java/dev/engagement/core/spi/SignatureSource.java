package dev.engagement.core.spi;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where partners' signatures come from: a one-page PDF or a PNG with transparency per partner.
 * The default reads a folder with the original app's naming, {@code First_Last.pdf} (or {@code
 * First_Last.png}) for "First Last".
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface SignatureSource {
  /**
   * Returns the names of the partners who have a signature. They count as known partners when
   * letters are signed.
   *
   * @return the names, e.g. {@code Mike Taylor}
   */
  Set<String> partners();

  /**
   * Returns a partner's signature, if there is one.
   *
   * @param partner the partner's name as a letter writes it; names compare without regard to
   *     case
   * @return the signature, or empty if the partner has none
   */
  Optional<Signature> find(String partner);

  /**
   * Returns where a missing signature was looked for, for the message of the letter that fails.
   *
   * @param partner the partner's name
   * @return e.g. {@code in images/signatures (expected Mike_Taylor.pdf or Mike_Taylor.png)}
   */
  String describe(String partner);

  /**
   * A signature file.
   *
   * <p>Immutable and thread-safe.
   *
   * @param partner the partner's name
   * @param file a one-page PDF or a PNG
   */
  record Signature(String partner, Path file) {
    /**
     * Checks the fields.
     *
     * @param partner the partner's name
     * @param file a one-page PDF or a PNG
     */
    public Signature {
      requireNonNull(partner, "partner");
      requireNonNull(file, "file");
    }

    /**
     * Returns whether the file is a PNG (else a PDF), judged by its extension.
     *
     * @return true if the file name ends with {@code .png} in any case
     */
    public boolean isPng() {
      return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png");
    }
  }

  /**
   * Returns the signatures of a folder: {@code First_Last.pdf} or {@code First_Last.png} (a PDF
   * wins if both exist). The folder is listed once, now: files added later are not seen.
   *
   * @param dir the folder; a folder that does not exist gives a source without signatures
   * @return the signatures found
   * @throws UncheckedIOException if the folder cannot be listed
   */
  static SignatureSource folder(Path dir) {
    requireNonNull(dir, "dir");
    Map<String, Signature> found = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        files.sorted().forEach(f -> {
          String name = f.getFileName().toString();
          String lower = name.toLowerCase(Locale.ROOT);
          if (!Files.isRegularFile(f) || !(lower.endsWith(".pdf") || lower.endsWith(".png"))) {
            return;
          }
          String partner = name.substring(0, name.length() - 4).replace('_', ' ').strip();
          Signature s = new Signature(partner, f);
          Signature old = found.get(partner);
          if (old == null || (old.isPng() && !s.isPng())) {
            found.put(partner, s);
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list the signatures folder " + dir, e);
      }
    }
    return new SignatureSource() {
      @Override
      public Set<String> partners() {
        return found.keySet();
      }

      @Override
      public Optional<Signature> find(String partner) {
        return Optional.ofNullable(found.get(partner.strip()));
      }

      @Override
      public String describe(String partner) {
        String base = partner.strip().replace(' ', '_');
        return "in " + dir + " (expected " + base + ".pdf or " + base + ".png)";
      }

      @Override
      public String toString() {
        return "SignatureSource.folder(" + dir + ")";
      }
    };
  }
}
