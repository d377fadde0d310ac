package dev.engagement.examples.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The examples, the web app first, embed the library through its public API only: nothing of
 * the modules' {@code internal} packages.
 */
final class WebArchitectureTest {
  private static final JavaClasses EXAMPLES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.engagement.examples");

  @Test
  void theExamplesUseNoInternalPackageOfTheLibrary() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.engagement.core.internal..", "dev.engagement.cache.internal..", "dev.engagement.events.internal..")
        .check(EXAMPLES);
  }
}
