package dev.engagement.core.internal.rollover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

final class YearFinderTest {
  @Test
  void classifiesCandidates() {
    String t = "In 2024 call 555-2024 or visit www.x.com/2024; 2024-25 and $2024.";
    List<YearFinder.Candidate> c = YearFinder.candidates(t);
    assertThat(c)
        .extracting(YearFinder.Candidate::kind)
        .containsExactly(
            YearFinder.Kind.YEAR,
            YearFinder.Kind.NOT_A_YEAR,
            YearFinder.Kind.ADDRESS_LINK,
            YearFinder.Kind.TWO_DIGIT_RANGE,
            YearFinder.Kind.NOT_A_YEAR);
  }

  @Test
  void findsNoYearOutside2000To2099OrInsideLongerNumbers() {
    assertThat(YearFinder.candidates("1999 2100 12024 20241 0x2024z")).extracting(YearFinder.Candidate::year)
        .containsExactly(2024);
  }

  @Test
  void givesContextAroundAYear() {
    String t = "A long sentence that goes on and on, since 2016 the client has been with us for many years.";
    int at = t.indexOf("2016");
    assertThat(YearFinder.context(t, at, at + 4)).startsWith("\u2026").endsWith("\u2026").contains("since 2016");
  }

  /**
   * The regex-free search finds exactly what {@code (?<![0-9])20[0-9]{2}(?![0-9])} finds, and the
   * pre-check of two-digit years never skips a text in which the pattern finds one: checked on
   * random texts over the characters that matter. The same for the pre-check of number labels
   * ("Suite", "x", "#"...) before a number.
   */
  @Test
  void theFastPathsAgreeWithThePatternsOnRandomTexts() {
    Pattern candidate = Pattern.compile("(?<![0-9])20[0-9]{2}(?![0-9])");
    String alphabet = "0122220 -\u2013/.'\u2019FYyTCfa\t\n\u00A0$x#(e";
    Random random = new Random(20240101);
    int withTwoDigitYears = 0;
    for (int n = 0; n < 200_000; n++) {
      StringBuilder b = new StringBuilder();
      int len = 1 + random.nextInt(14);
      for (int i = 0; i < len; i++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String t = b.toString();
      List<Integer> expected = new ArrayList<>();
      Matcher m = candidate.matcher(t);
      while (m.find()) {
        expected.add(m.start());
      }
      assertThat(YearFinder.yearsInName(t)).as(t).extracting(YearFinder.Candidate::start).isEqualTo(expected);
      int at = t.length();
      boolean label = YearFinder.NUMBER_LABEL.matcher(t).region(Math.max(0, at - 24), at).find();
      assertThat(YearFinder.hasNumberLabel(t, at)).as(t).isEqualTo(label);
      if (YearFinder.TWO_DIGIT.matcher(t).find()) {
        withTwoDigitYears++;
        assertThat(YearFinder.mayHaveTwoDigitYear(t)).as(t).isTrue();
      }
    }
    assertThat(withTwoDigitYears).isGreaterThan(1000);
  }
}
