package dev.engagement.core.internal.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The office profile JodBackend prepares, with the LibreOffice that {@code .ci/setup} installs:
 * each process starts from a profile that records the installed version, so LibreOffice skips its
 * graphics self-tests (which write {@code GraphicsRenderTests.log} into the profile when they run).
 */
final class JodBackendTest {
  @TempDir Path temp;

  @Test
  void theTemplateRecordsTheInstalledVersionAndBuild() throws Exception {
    File home = JodBackend.officeHome(null);
    Path template = JodBackend.template(home.toPath(), temp.resolve("template"));
    assertThat(template).isNotNull();
    String xcu = Files.readString(template.resolve("user/registrymodifications.xcu"), StandardCharsets.UTF_8);
    String version = JodBackend.setupVersion(home.toPath()).orElseThrow();
    assertThat(version).matches("[0-9]+\\.[0-9]+");
    assertThat(xcu)
        .contains("<item oor:path=\"/org.openoffice.Setup/Product\"><prop oor:name=\"ooSetupLastVersion\""
            + " oor:op=\"fuse\"><value>" + version + "</value></prop></item>");
    assertThat(Files.readString(template.resolve("user/extensions/buildid"), StandardCharsets.UTF_8))
        .isEqualTo(JodBackend.buildId(home.toPath()).orElseThrow())
        .isNotBlank();
  }

  @Test
  void withoutAVersionOrBuildTheTemplateIsAnEmptyProfile() throws Exception {
    Path home = Files.createDirectories(temp.resolve("odd-office/program"));
    Path template = JodBackend.template(home.getParent(), temp.resolve("template"));
    assertThat(template).isNotNull();
    assertThat(Files.readString(template.resolve("user/registrymodifications.xcu"), StandardCharsets.UTF_8))
        .doesNotContain("ooSetupLastVersion")
        .contains("<oor:items");
    assertThat(template.resolve("user/extensions/buildid")).doesNotExist();
  }

  @Test
  void theOfficeStartsFromTheTemplateWithoutItsSelfTestsAndLeavesNothingBehind() throws Exception {
    Path letter = temp.resolve("letter.docx");
    dev.engagement.core.testing.Docx.builder()
        .body(dev.engagement.core.testing.Docx.p(dev.engagement.core.testing.Docx.r("Tax year 2024.")))
        .write(letter);
    JodBackend backend = JodBackend.start(JodBackend.officeHome(null), 1, 60_000, 10);
    Path work = backend.workDir();
    try {
      backend.convert(letter, temp.resolve("letter.pdf"));
      assertThat(PdfCheck.pages(temp.resolve("letter.pdf"))).isEqualTo(1);
      List<Path> profiles;
      try (Stream<Path> s = Files.list(work)) {
        profiles = s.filter(p -> p.getFileName().toString().startsWith(".jodconverter_socket_")).toList();
      }
      assertThat(profiles).hasSize(1);
      Path user = profiles.get(0).resolve("user");
      assertThat(user.resolve("GraphicsRenderTests.log")).doesNotExist();
      assertThat(Files.readString(user.resolve("registrymodifications.xcu"), StandardCharsets.UTF_8))
          .contains("ooSetupLastVersion");
    } finally {
      backend.stop();
    }
    assertThat(work).doesNotExist();
  }
}
