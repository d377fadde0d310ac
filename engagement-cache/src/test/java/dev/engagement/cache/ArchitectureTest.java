package dev.engagement.cache;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Guards the module edges of DESIGN.md (cache sees core, never events or the examples) and keeps
 * each optional jar behind the one package loaded only when it is present.
 */
final class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.engagement.cache");

  @Test
  void seesNeitherEventsNorExamples() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.engagement.events..", "dev.engagement.examples..")
        .check(CLASSES);
  }

  @Test
  void onlyTheRedisPackageSeesRedisson() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.engagement.cache.internal.redis..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.redisson..")
        .check(CLASSES);
  }

  @Test
  void onlyTheMemcachedPackageSeesXmemcached() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.engagement.cache.internal.memcached..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("net.rubyeye..")
        .check(CLASSES);
  }

  /** Every package of the module (its root included) is a slice, and no dependency chain between them is a cycle. */
  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("dev.engagement.(**)").should().beFreeOfCycles().check(CLASSES);
  }
}
