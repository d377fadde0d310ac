package dev.engagement.core;

import static dev.engagement.core.testing.Docx.p;
import static dev.engagement.core.testing.Docx.r;
import static dev.engagement.core.testing.Docx.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engagement.core.testing.Corpus;
import dev.engagement.core.testing.Docx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entity check on letters built in every form, on the example letters and on the corpus. */
final class EntityCheckTest {
  @TempDir Path temp;

  private static final String BR = "<w:r><w:br/></w:r>";
  private static final String TAB = "<w:r><w:tab/></w:r>";

  private LetterEntities check(Docx d) {
    Path in = d.write(temp.resolve("Letter 2024 Engagement Letter.docx"));
    FileResult r = EntityCheck.ofDefaults().check(in);
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.SUCCESS);
    return r.detail(LetterEntities.class).orElseThrow();
  }

  private static String letterhead() {
    return p(r("Taylor & Maurer CPAs, LLP")) + p(r("100 Main Street, Suite 200")) + p(r("Springfield, IL 62701"));
  }

  @Test
  void readsAnAddressInParagraphsAndTabAlignedEntityRows() {
    LetterEntities e =
        check(
            Docx.builder()
                .header("header1.xml", "default", letterhead())
                .body(
                    p(r("December 9, 2024")) + p() + p(r("John and Jane Smith")) + p(r("2045 Elm Street"))
                        + p(r("Springfield, IL 62704")) + p() + p(r("Dear John and Jane:"))
                        + p(r("This engagement covers:"))
                        + p(r("Name of Entity"), TAB, r("Type of Return"))
                        + p(r("John and Jane Smith"), TAB, r("Form 1040"))
                        + p(r("Smith Rentals LLC"), TAB, TAB, r("Form 1065"))
                        + p()
                        + p(r("Not an entity"), TAB, r("after the empty line"))));
    assertThat(e.address()).isEqualTo("2045 Elm Street\nSpringfield, IL 62704");
    assertThat(e.entities())
        .containsExactly(
            new Entity("John and Jane Smith", "Form 1040"), new Entity("Smith Rentals LLC", "Form 1065"));
  }

  @Test
  void readsAnAddressWrittenAsOneParagraphWithBreaksAndAWordTable() {
    LetterEntities e =
        check(
            Docx.builder()
                .body(
                    p(r("Acme Holdings LLC"), BR, r("Attn: Karen Lopez"), BR, r("4200 Commerce Parkway"), BR,
                        r("Suite\u00A0310"), BR, r("Peoria,\u00A0IL\u00A0 61615-2024"))
                        + p(r("Dear Ms. Lopez:"))
                        + table(
                            new String[] {p(r("Name of "), r("<w:b/>", "Entity")), p(r("Type of "), r("<w:i/>", "Return"))},
                            new String[] {p(r("Acme Holdings LLC")), p(r("Form 1065"))},
                            new String[] {p(r("Acme Subsidiary, Inc.")), p(r("Form 1120-S"))},
                            new String[] {p(), p()},
                            new String[] {p(r("Ignored")), p(r("Row"))})));
    assertThat(e.address()).isEqualTo("4200 Commerce Parkway\nSuite 310\nPeoria, IL 61615-2024");
    assertThat(e.entities())
        .containsExactly(
            new Entity("Acme Holdings LLC", "Form 1065"), new Entity("Acme Subsidiary, Inc.", "Form 1120-S"));
  }

  @Test
  void toleratesPoBoxesCareOfLinesAllCapsAndSpaceAlignedColumns() {
    LetterEntities e =
        check(
            Docx.builder()
                .body(
                    p(r("GREENFIELD FAMILY TRUST")) + p(r("c/o First Bank Trust Dept.")) + p(r("P.O. BOX 512"))
                        + p(r("CHAMPAIGN IL 61824")) + p(r("Re: 2024 fiduciary returns"))
                        + p(r("NAME OF ENTITY      TYPE OF RETURN"))
                        + p(r("Greenfield Family Trust     Form 1041"))
                        + p(r("Greenfield Charitable Fund  Form 990-PF"))));
    assertThat(e.address()).isEqualTo("P.O. BOX 512\nCHAMPAIGN, IL 61824");
    assertThat(e.entities())
        .containsExactly(
            new Entity("Greenfield Family Trust", "Form 1041"),
            new Entity("Greenfield Charitable Fund", "Form 990-PF"));
  }

  @Test
  void theFirmsAddressNeverWins() {
    LetterEntities e =
        check(
            Docx.builder()
                .footer("footer1.xml", "default", p(r("100 Main Street, Suite 200 \u2022 Springfield, IL 62701")))
                .body(
                    letterhead() + p(r("Phone (217) 555-2024")) + p(r("December 9, 2024"))
                        + p(r("Riverside Dental PC")) + p(r("88 River Road")) + p(r("Decatur, IL 62521"))
                        + p(r("Dear Dr. Patel:"))));
    assertThat(e.address()).isEqualTo("88 River Road\nDecatur, IL 62521");
  }

  @Test
  void aCityLineNeedsAStateAndACapitalizedCity() {
    LetterEntities e =
        check(
            Docx.builder()
                .body(
                    p(r("APPLY ONLINE OR FAX ONLY")) + p(r("Thank you, DE 14810")) + p(r("Room 12"))
                        + p(r("Nowhere, XX 12345")) + p(r("Dear Sir:"))));
    assertThat(e.address()).isNull();
    LetterEntities ok =
        check(Docx.builder().body(p(r("12 Lakeshore Drive")) + p(r("Coeur d'Alene, ID 83814")) + p(r("Dear Ann:"))));
    assertThat(ok.address()).isEqualTo("12 Lakeshore Drive\nCoeur d'Alene, ID 83814");
  }

  @Test
  void usesTheHeaderColumnsOfAWiderTable() {
    LetterEntities e =
        check(
            Docx.builder()
                .body(
                    table(
                        new String[] {p(r("EIN")), p(r("Name of Entity")), p(r("State")), p(r("Type of Return"))},
                        new String[] {p(r("12-3456789")), p(r("Acme LLC")), p(r("IL")), p(r("Form 1065"))})));
    assertThat(e.entities()).containsExactly(new Entity("Acme LLC", "Form 1065"));
  }

  @Test
  void saysWhenNothingIsFound() {
    Path in = Docx.builder().body(p(r("Just a note, no address."))).write(temp.resolve("Note.docx"));
    FileResult r = EntityCheck.ofDefaults().check(in);
    assertThat(r.status()).isEqualTo(Status.SUCCESS);
    assertThat(r.detail(LetterEntities.class).orElseThrow().address()).isNull();
    assertThat(r.detail(LetterEntities.class).orElseThrow().entities()).isEmpty();
    assertThat(r.message().orElseThrow())
        .contains("no client address found")
        .contains("no \"Name of Entity / Type of Return\" rows found");
  }

  @Test
  void readsTheExampleLetters() {
    Path letters = Path.of("..", "engagement-examples", "letters");
    List<FileResult> results = new ArrayList<>();
    BatchSummary s = Batch.ofDefaults().run(EntityCheck.ofDefaults(), List.of(letters), results::add);
    assertThat(s).isEqualTo(new BatchSummary(3, 0, 2, 0));
    LetterEntities smith = results.get(3).detail(LetterEntities.class).orElseThrow();
    assertThat(smith.address()).isEqualTo("2045 Elm Street\nSpringfield, IL 62704");
    assertThat(smith.entities()).extracting(Entity::nameOfEntity).contains("John and Jane Smith");
    LetterEntities acme = results.get(0).detail(LetterEntities.class).orElseThrow();
    assertThat(acme.address()).isEqualTo("4200 Commerce Parkway, Suite 310\nPeoria, IL 61615-2024");
    assertThat(acme.entities()).isNotEmpty();
    LetterEntities trust = results.get(1).detail(LetterEntities.class).orElseThrow();
    assertThat(trust.address()).isEqualTo("P.O. Box 512\nChampaign, IL 61824");
  }

  @Test
  void runsTheWholeCorpusWithoutAnException() {
    for (Corpus.Entry entry : Corpus.entries()) {
      Letter letter = new Letter(entry.path(), entry.path().getFileName().toString());
      FileResult r =
          EntityCheck.ofDefaults().skipReason(letter)
              .map(reason -> FileResult.skipped(EntityCheck.PROCESS, letter, reason))
              .orElseGet(() -> EntityCheck.ofDefaults().check(entry.path()));
      if (r.status() == Status.FAILED) {
        assertThat(entry.expected()).as(entry + ": " + r).isEqualTo("must-fail-cleanly");
        assertThat(r.message().orElseThrow()).doesNotContain("unexpected error");
      } else if (r.status() == Status.SUCCESS) {
        assertThat(r.detail(LetterEntities.class)).as(entry.toString()).isPresent();
      }
    }
  }
}
