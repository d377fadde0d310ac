package dev.engagement.examples.bench;

import dev.engagement.core.FileResult;
import dev.engagement.core.LibreOfficeConverter;
import dev.engagement.core.PdfPrint;
import dev.engagement.core.PdfSign;
import dev.engagement.core.spi.SignatureSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures PDF printing (LibreOffice) and signing per letter on the example letters: the first
 * (cold) conversion, then the warm ones as median and 90th percentile. Not a test: run it by hand.
 *
 * <p>{@code PdfBench [rounds=10]}
 */
public final class PdfBench {
  private PdfBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    List<Path> letters = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("engagement-examples/letters"))) {
      s.filter(p -> p.getFileName().toString().endsWith(".docx") && !p.getFileName().toString().startsWith("~"))
          .sorted()
          .forEach(letters::add);
    }
    Path work = Files.createTempDirectory("pdf-bench-");
    List<Double> print = new ArrayList<>();
    List<Double> sign = new ArrayList<>();
    double cold;
    try (LibreOfficeConverter office = LibreOfficeConverter.builder().processes(1).build()) {
      PdfPrint printer = PdfPrint.builder().converter(office).build();
      PdfSign signer = PdfSign.builder().signatures(SignatureSource.folder(Path.of("engagement-examples/signatures"))).build();
      long t0 = System.nanoTime();
      FileResult first = printer.print(letters.get(0), work.resolve("cold"));
      cold = (System.nanoTime() - t0) / 1e6;
      if (first.output().isEmpty()) {
        throw new IllegalStateException(first.toString());
      }
      for (int r = 0; r < rounds; r++) {
        for (Path letter : letters) {
          long t = System.nanoTime();
          FileResult pdf = printer.print(letter, work.resolve("pdf" + r));
          print.add((System.nanoTime() - t) / 1e6);
          long u = System.nanoTime();
          signer.sign(pdf.output().orElseThrow(), work.resolve("signed" + r));
          sign.add((System.nanoTime() - u) / 1e6);
        }
      }
    }
    System.out.printf(Locale.ROOT, "first conversion (office start included): %.0f ms%n", cold);
    System.out.printf(Locale.ROOT, "print, warm, %d letters: median %.0f ms, p90 %.0f ms%n", print.size(), pct(print, 50), pct(print, 90));
    System.out.printf(Locale.ROOT, "sign, %d letters: median %.0f ms, p90 %.0f ms%n", sign.size(), pct(sign, 50), pct(sign, 90));
  }

  private static double pct(List<Double> values, int p) {
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    return v.get(Math.min(v.size() - 1, (int) Math.ceil(p / 100.0 * v.size()) - 1));
  }
}
