package dev.engagement.core.internal.rollover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class FileNamerTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Smith 2024 Engagement Letter.docx|Smith 2025 Engagement Letter.docx",
        "Smith 2024 Engagement Letter - signed final.docx|Smith 2025 Engagement Letter.docx",
        "Smith 2024 engagement letter (v2).docx|Smith 2025 engagement letter.docx",
        "SMITH 2024 ENGAGEMENT LETTER copy.DOCX|SMITH 2025 ENGAGEMENT LETTER.DOCX",
        "2024_Smith_Engagement_Letter_signed.docx|2025_Smith_Engagement_Letter.docx",
        "Jones Engagement Letter.docx|Jones Engagement Letter_updated.docx",
        "Jones Engagement Letter - old.docx|Jones Engagement Letter_updated.docx",
        "Memo.docx|Memo_updated.docx",
        "Plan 2023-2024.docx|Plan 2024-2025.docx",
        "Plan FY2024.docx|Plan FY2025.docx",
        "Client 12345 2024.docx|Client 12345 2025.docx",
        "Engagement Letter Engagement Letter 2024 x.docx|Engagement Letter Engagement Letter.docx",
        "Acme 2099 Engagement Letter.docx|Acme 2100 Engagement Letter.docx",
      })
  void rollsTheName(String before, String after) {
    assertThat(FileNamer.rolledName(before)).isEqualTo(after);
  }
}
