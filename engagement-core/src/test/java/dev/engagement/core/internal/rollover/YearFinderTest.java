package dev.engagement.core.internal.rollover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
}
