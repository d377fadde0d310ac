package dev.engagement.examples;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Guards the structure of the examples: their packages are free of cycles. */
final class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.engagement.examples");

  /** Every package of the module (its root included) is a slice, and no dependency chain between them is a cycle. */
  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("dev.engagement.(**)").should().beFreeOfCycles().check(CLASSES);
  }
}
