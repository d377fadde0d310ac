package dev.engagement.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Guards the module edges of DESIGN.md: events sees core, never cache or the examples; and it
 * runs on any Jakarta WebSocket container, so no container's own classes.
 */
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

  @Test
  void hasNoPackageCycles() {
    // every package below the API package its own slice: internal, internal.redis
    slices().matching("dev.engagement.events.(**)").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void onlyTheRedisPackageTouchesRedisson() {
    // Redisson is optional: the API checks that it is there before it loads that package
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.engagement.events.internal.redis..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.redisson..", "io.netty..")
        .check(CLASSES);
  }

  @Test
  void theEngineDoesNotKnowTheRedisAdapter() {
    noClasses()
        .that()
        .resideInAPackage("dev.engagement.events.internal")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.engagement.events.internal.redis..")
        .check(CLASSES);
  }

  @Test
  void dependsOnNoContainer() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.tomcat..", "org.apache.catalina..", "org.eclipse.jetty..",
            "io.undertow..", "org.glassfish..", "javax.websocket..", "jakarta.servlet..")
        .check(CLASSES);
  }
}
