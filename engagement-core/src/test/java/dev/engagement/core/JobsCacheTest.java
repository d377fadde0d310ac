package dev.engagement.core;

import static dev.engagement.core.testing.Docx.p;
import static dev.engagement.core.testing.Docx.r;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engagement.core.spi.SignatureSource;
import dev.engagement.core.testing.Docx;
import dev.engagement.core.testing.FakePdfConverter;
import dev.engagement.core.testing.FakeResultCache;
import dev.engagement.core.testing.PdfFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result cache on the entity check, PDF printing and PDF signatures. */
final class JobsCacheTest {
  @TempDir Path temp;

  @Test
  void theEntityCheckComesFromTheCacheWithItsFindings() {
    Path in =
        Docx.builder()
            .body(p(r("Ann Lee")) + p(r("12 Oak Street")) + p(r("Peoria, IL 61602")) + p(r("Dear Ann:"))
                + p(r("Name of Entity"), "<w:r><w:tab/></w:r>", r("Type of Return"))
                + p(r("Ann Lee"), "<w:r><w:tab/></w:r>", r("Form 1040")))
            .write(temp.resolve("Lee.docx"));
    FakeResultCache cache = new FakeResultCache();
    EntityCheck check = EntityCheck.builder().resultCache(cache).build();
    FileResult first = check.check(in);
    FileResult second = check.check(in);
    assertThat(first.cached()).isFalse();
    assertThat(second.cached()).isTrue();
    assertThat(second.detail(LetterEntities.class)).isEqualTo(first.detail(LetterEntities.class));
    assertThat(second.detail(LetterEntities.class).orElseThrow().entities()).containsExactly(new Entity("Ann Lee", "Form 1040"));
  }

  @Test
  void aPrintedLetterIsWrittenFromTheCacheWithoutConverting() throws Exception {
    Path in = Docx.builder().body(p(r("Hello"))).write(temp.resolve("Letter.docx"));
    FakePdfConverter converter = new FakePdfConverter();
    PdfPrint print = PdfPrint.builder().converter(converter).resultCache(new FakeResultCache()).build();
    FileResult first = print.print(in, temp.resolve("a"));
    FileResult second = print.print(in, temp.resolve("b"));
    assertThat(converter.conversions.get()).isEqualTo(1);
    assertThat(second.cached()).isTrue();
    assertThat(second.output()).contains(temp.resolve("b/Letter.pdf"));
    assertThat(Files.readAllBytes(second.output().orElseThrow())).isEqualTo(Files.readAllBytes(first.output().orElseThrow()));
  }

  @Test
  void aSignedPdfIsWrittenFromTheCacheUntilASignatureChanges() throws Exception {
    Path sigs = temp.resolve("sigs");
    PdfFixtures.signaturePdf(sigs.resolve("Mike_Taylor.pdf"));
    Path in = PdfFixtures.letter(temp.resolve("in/Letter.pdf"), 0, 0,
        PdfFixtures.column("Very truly yours,", "", "Mike Taylor, CPA"));
    FakeResultCache cache = new FakeResultCache();
    FileResult first = PdfSign.builder().signatures(SignatureSource.folder(sigs)).resultCache(cache).build().sign(in, temp.resolve("a"));
    FileResult second = PdfSign.builder().signatures(SignatureSource.folder(sigs)).resultCache(cache).build().sign(in, temp.resolve("b"));
    assertThat(second.cached()).isTrue();
    assertThat(second.notes()).isEqualTo(first.notes());
    assertThat(Files.readAllBytes(second.output().orElseThrow())).isEqualTo(Files.readAllBytes(first.output().orElseThrow()));
    Files.setLastModifiedTime(sigs.resolve("Mike_Taylor.pdf"), java.nio.file.attribute.FileTime.fromMillis(0));
    FileResult third = PdfSign.builder().signatures(SignatureSource.folder(sigs)).resultCache(cache).build().sign(in, temp.resolve("c"));
    assertThat(third.cached()).isFalse();
  }
}
