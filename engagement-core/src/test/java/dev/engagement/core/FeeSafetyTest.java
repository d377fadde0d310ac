package dev.engagement.core;

import static dev.engagement.core.testing.Docx.p;
import static dev.engagement.core.testing.Docx.r;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engagement.core.testing.Docx;
import dev.engagement.core.testing.FakeResultCache;
import dev.engagement.core.testing.ReadBack;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 10 §1: a letter never gets another firm's partners or rates. Letters are built in the
 * test, rolled through the public API and read back independently.
 */
final class FeeSafetyTest {
  @TempDir Path temp;

  private static final String LETTER = "Smith 2024 Engagement Letter.docx";
  private static final String ASSOCIATE_AND_BOOKKEEPING =
      ". Our Associate hourly rates range from $140-185. Our bookkeeping rate is $60-70 per hour.";
  private static final String NEW_RANGES =
      ". Our Associate hourly rates range from $150-195. Our bookkeeping rate is $65-75 per hour.";
  private static final String OTHER_FIRM =
      "Partner hourly rates are: Alice Jones\u2013$250, Carol King\u2013$250" + ASSOCIATE_AND_BOOKKEEPING;

  private int letters;

  /** Rolls a letter of two paragraphs: the fee sentence, then a year. */
  private FileResult roll(String feeSentence, Rollover rollover) {
    Path in =
        Docx.builder()
            .body(p(r(feeSentence)) + p(r("Tax year 2024.")))
            .write(temp.resolve("in" + ++letters).resolve(LETTER));
    return rollover.roll(in, temp.resolve("out" + letters));
  }

  private static List<String> body(FileResult r) {
    return ReadBack.paragraphs(ReadBack.entries(r.output().orElseThrow()).get("word/document.xml"));
  }

  private static Rollover example() {
    return Rollover.builder().settings(Settings.example()).build();
  }

  /** The example settings with other compliance partners: name, rate, name, rate... */
  private static Settings examplePartners(String... nameAndRate) {
    List<Map<String, String>> partners = new java.util.ArrayList<>();
    for (int i = 0; i < nameAndRate.length; i += 2) {
      partners.add(Map.of("name", nameAndRate[i], "rate", nameAndRate[i + 1]));
    }
    return Settings.example().with(Settings.COMPLIANCE_PARTNER_RATES, partners);
  }

  @Test
  void withTheDefaultsAnotherFirmsLetterKeepsItsFeesAndTheResultSaysWhy() {
    FileResult r = roll(OTHER_FIRM, Rollover.ofDefaults());
    assertThat(r.status()).isEqualTo(Status.SUCCESS);
    assertThat(body(r)).containsExactly(OTHER_FIRM, "Tax year 2025.");
    assertThat(r.changes()).extracting(Change::before).containsExactly("Tax year 2024.");
    assertThat(r.notes())
        .containsExactly(
            "word/document.xml, paragraph 1: the compliance fee sentence was left as it is: the"
                + " settings (built-in defaults) have no COMPLIANCE_PARTNER_RATES,"
                + " COMPLIANCE_ASSOCIATE_RATES, COMPLIANCE_BOOKKEEPING_RATES");
  }

  @Test
  void withTheDefaultsALetterOfTheExampleFirmKeepsItsFeesToo() {
    String sentence = "Partner hourly rates are: Mike Taylor\u2013$250, Bob Maurer\u2013$250" + ASSOCIATE_AND_BOOKKEEPING;
    FileResult r = roll(sentence, Rollover.ofDefaults());
    assertThat(body(r)).containsExactly(sentence, "Tax year 2025.");
    assertThat(r.notes()).singleElement().asString().contains("left as it is", "built-in defaults");
  }

  @Test
  void withTheDefaultsALetterWithNothingElseToRollIsUnchangedWithTheNote() {
    Path in = Docx.builder().body(p(r(OTHER_FIRM))).write(temp.resolve("in").resolve("Smith Engagement Letter.docx"));
    FileResult r = Rollover.ofDefaults().roll(in, temp.resolve("out"));
    assertThat(r.status()).isEqualTo(Status.UNCHANGED);
    assertThat(r.output()).isEmpty();
    assertThat(r.notes()).singleElement().asString().contains("the compliance fee sentence was left as it is");
  }

  @Test
  void withOtherPartnersInTheSettingsTheSentenceIsLeftAloneAndTheNoteNamesBothLists() {
    FileResult r = roll(OTHER_FIRM, example());
    assertThat(body(r)).containsExactly(OTHER_FIRM, "Tax year 2025.");
    assertThat(r.notes())
        .containsExactly(
            "word/document.xml, paragraph 1: the compliance fee sentence was left as it is: it names"
                + " the partners Alice Jones, Carol King, but the settings (built-in example settings)"
                + " name the partners Mike Taylor, Bob Maurer; to write the settings' partners and"
                + " rates instead, replace the partner list (--replace-partners,"
                + " Rollover.builder().replacePartners(true))");
  }

  @Test
  void replacingThePartnerListWritesTheSettingsPartnersAndRates() {
    Rollover rollover = Rollover.builder().settings(Settings.example()).replacePartners(true).build();
    assertThat(rollover.replacePartners()).isTrue();
    assertThat(rollover.toBuilder().build().replacePartners()).isTrue();
    FileResult r = roll(OTHER_FIRM, rollover);
    assertThat(body(r))
        .containsExactly(
            "Partner hourly rates are: Mike Taylor\u2013$275, Bob Maurer\u2013$275" + NEW_RANGES,
            "Tax year 2025.");
    assertThat(r.notes()).isEmpty();
    assertThat(r.changes()).hasSize(2);
  }

  @Test
  void theSamePartnersGetTheNewRates() {
    FileResult r =
        roll("Partner hourly rates are: Mike Taylor\u2013$250, Bob Maurer\u2013$250" + ASSOCIATE_AND_BOOKKEEPING, example());
    assertThat(body(r))
        .containsExactly(
            "Partner hourly rates are: Mike Taylor\u2013$275, Bob Maurer\u2013$275" + NEW_RANGES,
            "Tax year 2025.");
    assertThat(r.notes()).isEmpty();
  }

  @Test
  void theSamePartnersInAnotherOrderKeepTheLettersOrderAndEachGetsTheirOwnRate() {
    Settings settings = examplePartners("Mike Taylor", "$300", "Bob Maurer", "$280");
    FileResult r =
        roll(
            "Partner hourly rates are: Bob Maurer\u2013$250, Mike Taylor\u2013$260" + ASSOCIATE_AND_BOOKKEEPING,
            Rollover.builder().settings(settings).build());
    assertThat(body(r).get(0))
        .isEqualTo("Partner hourly rates are: Bob Maurer\u2013$280, Mike Taylor\u2013$300" + NEW_RANGES);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // written in the letter | expected after rolling with Mike Taylor $275, Bob Maurer $275
        "MIKE TAYLOR\u2013$250, bob maurer\u2013$250|MIKE TAYLOR\u2013$275, bob maurer\u2013$275",
        "Mike Taylor, CPA\u2013$250, Bob Maurer, CPA\u2013$250|Mike Taylor, CPA\u2013$275, Bob Maurer, CPA\u2013$275",
        "Mike J. Taylor\u2013$250, Bob Maurer\u2013$250|Mike J. Taylor\u2013$275, Bob Maurer\u2013$275",
        "Mike\u00a0Taylor\u2013$250, Bob\u00a0\u00a0Maurer\u2013$250|Mike\u00a0Taylor\u2013$275, Bob\u00a0\u00a0Maurer\u2013$275",
        "Mike Taylor - $250; Bob Maurer - $250|Mike Taylor - $275; Bob Maurer - $275",
        "Mike Taylor\u2013$250 and Bob Maurer\u2013$250|Mike Taylor\u2013$275 and Bob Maurer\u2013$275",
        "Mike Taylor\u2013$250, and Bob Maurer\u2013$ 250|Mike Taylor\u2013$275, and Bob Maurer\u2013$275",
      })
  void spellingsOfTheSamePartnersKeepTheNamesAsWrittenAndGetTheNewRates(String written, String expected) {
    FileResult r = roll("Partner hourly rates are: " + written + ASSOCIATE_AND_BOOKKEEPING, example());
    assertThat(r.notes()).isEmpty();
    assertThat(body(r).get(0)).isEqualTo("Partner hourly rates are: " + expected + NEW_RANGES);
  }

  @Test
  void curlyAndStraightApostrophesAreTheSamePartner() {
    Settings settings = examplePartners("Pat O'Brien", "$310");
    FileResult r =
        roll("Partner hourly rates are: Pat O\u2019Brien\u2013$290" + ASSOCIATE_AND_BOOKKEEPING, Rollover.builder().settings(settings).build());
    assertThat(r.notes()).isEmpty();
    assertThat(body(r).get(0)).isEqualTo("Partner hourly rates are: Pat O\u2019Brien\u2013$310" + NEW_RANGES);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // partial overlap: one partner left, another joined
        "Mike Taylor\u2013$250, Alice Jones\u2013$250|it names the partners Mike Taylor, Alice Jones",
        // a partner fewer than the settings
        "Mike Taylor\u2013$250|it names the partners Mike Taylor,",
        // a partner more than the settings
        "Mike Taylor\u2013$250, Bob Maurer\u2013$250, Ann Lee\u2013$250|it names the partners Mike Taylor, Bob Maurer, Ann Lee",
        // a suffix is another person
        "Mike Taylor\u2013$250, Bob Maurer Jr.\u2013$250|it names the partners Mike Taylor, Bob Maurer Jr.",
        // the same partner twice is not two partners
        "Mike Taylor\u2013$250, Mike Taylor\u2013$250|it names the partners Mike Taylor, Mike Taylor",
        // a shared rate is one entry, named "Mike Taylor and Bob Maurer": not the settings' partners
        "Mike Taylor and Bob Maurer\u2013$250|it names the partners Mike Taylor and Bob Maurer,",
        // a rate with more words after it does not read as Name-$rate entries
        "Mike Taylor\u2013$250 per hour, Bob Maurer\u2013$250 per hour|its partner list \"Mike Taylor\u2013$250 per hour, Bob Maurer\u2013$250 per hour.\" does not read as Name\u2013$rate entries",
        // nor does a list without rates
        "see the enclosed schedule|its partner list \"see the enclosed schedule.\" does not read as Name\u2013$rate entries",
      })
  void otherPartnersAreLeftAloneWithANote(String written, String note) {
    String sentence = "Partner hourly rates are: " + written + ASSOCIATE_AND_BOOKKEEPING;
    FileResult r = roll(sentence, example());
    assertThat(body(r)).containsExactly(sentence, "Tax year 2025.");
    assertThat(r.notes())
        .singleElement()
        .asString()
        .contains("the compliance fee sentence was left as it is: ", note)
        .contains("but the settings (built-in example settings) name the partners Mike Taylor, Bob Maurer");

    FileResult replaced = roll(sentence, Rollover.builder().settings(Settings.example()).replacePartners(true).build());
    assertThat(body(replaced).get(0))
        .isEqualTo("Partner hourly rates are: Mike Taylor\u2013$275, Bob Maurer\u2013$275" + NEW_RANGES);
  }

  @Test
  void theConsultingSentenceFollowsTheSameRules() {
    String sentence =
        "Partner hourly rates are: Alice Jones\u2013$270, Carol King\u2013$270. Our Associate hourly rates range from $140-185.";
    FileResult r = roll(sentence, example());
    assertThat(body(r).get(0)).isEqualTo(sentence);
    assertThat(r.notes()).singleElement().asString()
        .contains("the consulting fee sentence was left as it is: it names the partners Alice Jones, Carol King");
    FileResult same =
        roll("Partner hourly rates are: Bob Maurer\u2013$270, Mike Taylor\u2013$270. Our Associate hourly rates range from $140-185.", example());
    assertThat(body(same).get(0))
        .isEqualTo("Partner hourly rates are: Bob Maurer\u2013$295, Mike Taylor\u2013$295. Our Associate hourly rates range from $150-195.");
  }

  @Test
  void replacingThePartnerListIsPartOfTheCacheKey() {
    FakeResultCache cache = new FakeResultCache();
    Rollover keep = Rollover.builder().settings(Settings.example()).resultCache(cache).build();
    Rollover replace = keep.toBuilder().replacePartners(true).build();
    Path in = Docx.builder().body(p(r(OTHER_FIRM)) + p(r("Tax year 2024."))).write(temp.resolve("in").resolve(LETTER));
    FileResult first = keep.roll(in, temp.resolve("first"));
    FileResult second = replace.roll(in, temp.resolve("second"));
    assertThat(cache.values).hasSize(2);
    assertThat(second.cached()).isFalse();
    assertThat(body(first).get(0)).isEqualTo(OTHER_FIRM);
    assertThat(body(second).get(0)).startsWith("Partner hourly rates are: Mike Taylor\u2013$275");
    FileResult again = replace.roll(in, temp.resolve("again"));
    assertThat(again.cached()).isTrue();
    assertThat(body(again)).isEqualTo(body(second));
  }
}
