package dev.engagement.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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

  /**
   * Every package below the root is its own slice, and no chain of dependencies between them
   * leads back to where it started (such a cycle was {@code spi -> internal.batch -> spi}).
   */
  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("dev.engagement.core.(**)").should().beFreeOfCycles().check(CORE);
  }

  /**
   * Internal packages may use the root's value types (limits, exceptions, changes, settings) but
   * never build or see results, letters, jobs or batches: the batch owns those.
   */
  @Test
  void internalPackagesDoNotBuildResultsOrRunJobs() {
    noClasses()
        .that()
        .resideInAPackage("dev.engagement.core.internal..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.engagement.core.FileResult")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.engagement.core.FileResult$Builder")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.engagement.core.Letter")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.engagement.core.Outcome")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.engagement.core.Job")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.engagement.core.JobContext")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.engagement.core.Batch")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.engagement.core.BatchContext")
        .check(CORE);
  }

  /** The batch's output and cache plumbing stands on its own: it sees no other core type. */
  @Test
  void batchAndCachePlumbingSeeNoOtherCoreType() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.engagement.core.internal.batch..", "dev.engagement.core.internal.cache..")
        .should()
        .dependOnClassesThat(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "are core classes outside internal.batch and internal.cache",
                c ->
                    c.getPackageName().startsWith("dev.engagement.core")
                        && !c.getPackageName().startsWith("dev.engagement.core.internal.batch")
                        && !c.getPackageName().startsWith("dev.engagement.core.internal.cache")))
        .check(CORE);
  }

  /** No thread-locals: what a letter needs is handed to it (the job's context), not found. */
  @Test
  void noThreadLocals() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields()
        .should()
        .haveRawType(ThreadLocal.class)
        .check(CORE);
  }
}
