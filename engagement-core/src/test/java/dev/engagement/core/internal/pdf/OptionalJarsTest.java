package dev.engagement.core.internal.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The messages for a missing jar name the versions this build was made with. */
final class OptionalJarsTest {
  @Test
  void pdfBoxIsPresentHereAndItsVersionIsTheOneOnTheClassPath() {
    assertThat(OptionalJars.PDFBOX.present()).isTrue();
    assertThat(OptionalJars.PDFBOX.coordinates())
        .isEqualTo("org.apache.pdfbox:pdfbox:" + org.apache.pdfbox.util.Version.getVersion());
  }

  @Test
  void jodConverterIsPresentHereAndItsVersionComesFromTheBuild() {
    assertThat(OptionalJars.JODCONVERTER.present()).isTrue();
    assertThat(OptionalJars.JODCONVERTER.version()).matches("[0-9]+\\.[0-9]+\\.[0-9]+").doesNotContain("$");
    assertThat(OptionalJars.JODCONVERTER.missing("PDF printing needs JODConverter"))
        .isEqualTo("PDF printing needs JODConverter, an optional dependency of engagement-core: add"
            + " org.jodconverter:jodconverter-local-lo:" + OptionalJars.JODCONVERTER.version()
            + " to the application (<dependency><groupId>org.jodconverter</groupId>"
            + "<artifactId>jodconverter-local-lo</artifactId><version>" + OptionalJars.JODCONVERTER.version()
            + "</version></dependency>)");
  }
}
