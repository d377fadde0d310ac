package dev.engagement.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Guards the module edges of DESIGN.md: core sees no sibling module and few libraries. */
final class ArchitectureTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.engagement.core");

  @Test
  void coreSeesNoSiblingModule() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.engagement.cache..", "dev.engagement.events..", "dev.engagement.examples..")
        .check(CORE);
  }

  @Test
  void coreUsesOnlyItsDeclaredLibraries() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "dev.engagement.core..",
            "java..",
            "javax.xml..",
            "org.slf4j..",
            "org.jspecify..",
            "com.fasterxml.jackson..",
            "org.apache.poi..",
            "org.apache.commons.compress..",
            "org.apache.commons.io..",
            "org.apache.pdfbox..",
            "javax.imageio..",
            "org.jodconverter..",
            "com.sun.star..")
        .check(CORE);
  }

  @Test
  void onlyTheLibreOfficeBackendSeesJodConverter() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("dev.engagement.core.internal.pdf.JodBackend")
        .and()
        .haveNameNotMatching("dev\\.engagement\\.core\\.internal\\.pdf\\.JodBackend\\$.*")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.jodconverter..", "com.sun.star..")
        .because("JODConverter is optional: only JodBackend, loaded after a class-path check, may use it")
        .check(CORE);
  }

  @Test
  void onlyThePdfInternalsSeePdfBox() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.engagement.core.internal.pdf")
        .or()
        .haveFullyQualifiedName("dev.engagement.core.internal.pdf.OptionalJars")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.pdfbox..", "org.apache.fontbox..")
        .because("PDFBox is optional: only internal.pdf classes, used after a class-path check, may use it")
        .check(CORE);
  }

  @Test
  void theSpiDoesNotLeakInternals() {
    noClasses()
        .that()
        .resideInAPackage("dev.engagement.core.spi")
        .and()
        .arePublic()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.engagement.core.internal..")
        .allowEmptyShould(true)
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.engagement.core.spi"));
  }
}
