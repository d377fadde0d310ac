package dev.engagement.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Guards the module edges of DESIGN.md: events sees core, never cache or the examples. */
final class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.engagement.events");

  @Test
  void seesNeitherCacheNorExamples() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.engagement.cache..", "dev.engagement.examples..")
        .check(CLASSES);
  }
}
