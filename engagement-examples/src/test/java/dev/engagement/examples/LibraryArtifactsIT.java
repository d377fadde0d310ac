package dev.engagement.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The artifacts the reactor built as Maven Central gets them: each library module's jar names its
 * automatic module, and has a sources jar and a javadoc jar without the {@code internal}
 * packages; {@code engagement.jar} is runnable and named too. Runs after {@code package} of the
 * whole reactor (the modules' {@code target} folders beside this one).
 */
final class LibraryArtifactsIT {
  private static final Path ROOT = Path.of(System.getProperty("engagement.root", ".."));
  private static final String VERSION = System.getProperty("engagement.version");

  private static Path artifact(String module, String classifier) {
    return ROOT.resolve(module).resolve("target")
        .resolve(module + "-" + VERSION + (classifier.isEmpty() ? "" : "-" + classifier) + ".jar");
  }

  private static String manifest(Path jar, String attribute) throws IOException {
    try (JarFile j = new JarFile(jar.toFile())) {
      Attributes main = j.getManifest().getMainAttributes();
      return String.valueOf(main.getValue(attribute));
    }
  }

  private static List<String> entries(Path jar) throws IOException {
    try (JarFile j = new JarFile(jar.toFile())) {
      return j.stream().map(ZipEntry::getName).toList();
    }
  }

  @Test
  void eachLibraryHasItsModuleNameSourcesAndJavadocWithoutInternals() throws IOException {
    for (String name : List.of("core", "cache", "events")) {
      String module = "engagement-" + name;
      Path jar = artifact(module, "");
      assertThat(jar).as("%s (mvn package builds it)", module).isRegularFile();
      assertThat(manifest(jar, "Automatic-Module-Name")).as(module).isEqualTo("dev.engagement." + name);

      Path sources = artifact(module, "sources");
      assertThat(sources).as("%s sources jar", module).isRegularFile();
      assertThat(entries(sources)).as(module).contains("dev/engagement/" + name + "/package-info.java");

      Path javadoc = artifact(module, "javadoc");
      assertThat(javadoc).as("%s javadoc jar (not built with -Dmaven.javadoc.skip)", module).isRegularFile();
      List<String> pages = entries(javadoc);
      assertThat(pages).as(module).contains("index.html")
          .anyMatch(e -> e.endsWith("dev/engagement/" + name + "/package-summary.html"))
          .noneMatch(e -> e.contains("/internal/"));
    }
  }

  @Test
  void theExamplesJarsAreNamedAndEngagementJarIsRunnable() throws IOException {
    Path examples = artifact("engagement-examples", "");
    assertThat(manifest(examples, "Automatic-Module-Name")).isEqualTo("dev.engagement.examples");
    Path runnable = ROOT.resolve("engagement-examples/target/engagement.jar");
    assertThat(manifest(runnable, "Main-Class")).isEqualTo("dev.engagement.examples.EngagementCli");
    assertThat(manifest(runnable, "Automatic-Module-Name")).isEqualTo("dev.engagement.examples");
    // a program, not a library: no sources or javadoc jars
    assertThat(artifact("engagement-examples", "sources")).doesNotExist();
    assertThat(artifact("engagement-examples", "javadoc")).doesNotExist();
  }
}
