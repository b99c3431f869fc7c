package io.striate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.striate.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The house rules of the package structure, checked on the compiled main classes: the top-level feature packages
 * ({@code io.striate.<feature>..}) form no cycle, and every feature depends only on features of a lower layer
 * ({@link #LAYERS}, bottom first), so no import runs back up. A new feature package must be given its layer here.
 */
class ArchitectureTest {
  /** Bottom first; a feature may use the features of the layers below it, never its own layer's or higher. */
  static final List<Set<String>> LAYERS = List.of(
      Set.of("problem", "config", "results"),  // vocabulary: error types, settings, stored results
      Set.of("storage"),                        // artifacts on disk
      Set.of("account"),                        // tokens, callers, scopes
      Set.of("model"),                          // the model contract, runtime, catalog and who may see a model
      Set.of("dataset"),                        // imported recordings and stimuli
      Set.of("benchmark"),                      // benchmarks, metrics, stimuli
      Set.of("leaderboard"),                    // ranks stored results by the benchmark tree
      Set.of("scoring"),                        // the job queue and the workers, on top of all they run
      Set.of("submission"),                     // the REST entry points for models, versions and submissions
      Set.of("compare", "webhook"),             // version comparison; webhook deliveries of submission events
      Set.of("study"),                          // component-ablation studies over versions and their comparisons
      Set.of("web"));                           // server-rendered pages, on top of the features they show

  private static final String ROOT = "io.striate";
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(ROOT);
  }

  /**
   * The test pyramid's split is by name (pom.xml: surefire runs the unit tests, failsafe the Spring Boot tests), so
   * a test that starts the whole application must carry a name failsafe picks up, or it would slow the inner loop.
   */
  @Test
  void springBootTestsRunAsIntegrationTests() {
    JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(ROOT);
    List<String> misnamed = new ArrayList<>();
    for (JavaClass c : tests) {
      boolean springBoot = c.isAssignableTo(IntegrationTest.class) || c.isAnnotatedWith(SpringBootTest.class);
      String name = c.getSimpleName();
      if (springBoot && !c.getModifiers().contains(JavaModifier.ABSTRACT) && !name.endsWith("IntegrationTest")
          && !name.endsWith("BrowserTest") && !name.endsWith("Bench")) {
        misnamed.add(c.getName());
      }
    }
    assertThat(misnamed).as("Spring Boot tests must be named *IntegrationTest or *BrowserTest (failsafe)").isEmpty();
  }

  @Test
  void featurePackagesFormNoCycle() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void everyFeatureHasALayer() {
    Set<String> known = new TreeSet<>();
    LAYERS.forEach(known::addAll);
    Set<String> features = new TreeSet<>();
    for (JavaClass c : classes) {
      String name = c.getPackageName();
      if (name.startsWith(ROOT + ".")) {
        features.add(name.substring(ROOT.length() + 1).split("\\.")[0]);
      }
    }
    assertThat(known).as("every io.striate.<feature> package needs a layer in ArchitectureTest.LAYERS")
        .containsAll(features);
  }

  @Test
  void noImportRunsBackUp() {
    List<String> violations = new ArrayList<>();
    for (int layer = 0; layer < LAYERS.size(); layer++) {
      List<String> sameOrHigher = new ArrayList<>();
      for (int other = layer; other < LAYERS.size(); other++) {
        LAYERS.get(other).forEach(f -> sameOrHigher.add(ROOT + "." + f + ".."));
      }
      for (String feature : LAYERS.get(layer)) {
        String own = ROOT + "." + feature + "..";
        List<String> forbidden = sameOrHigher.stream().filter(p -> !p.equals(own)).toList();
        ArchRule rule = noClasses().that().resideInAPackage(own).should().dependOnClassesThat()
            .resideInAnyPackage(forbidden.toArray(String[]::new))
            .because(feature + " may only use the features of the layers below it (ArchitectureTest.LAYERS)")
            .allowEmptyShould(true);
        EvaluationResult result = rule.evaluate(classes);
        if (result.hasViolation()) {
          violations.add(result.getFailureReport().toString());
        }
      }
    }
    assertThat(violations).as("imports that run back up").isEmpty();
  }

  /**
   * One JSON stack: main code uses Jackson 3 ({@code tools.jackson}, Spring Boot 4's), never Jackson 2's databind or
   * core (still on the classpath for Flyway and springdoc's swagger-core). {@code com.fasterxml.jackson.annotation}
   * is allowed: Jackson 3 kept that package.
   */
  static final ArchRule NO_JACKSON_2 = noClasses().should().dependOnClassesThat()
      .resideInAnyPackage("com.fasterxml.jackson.databind..", "com.fasterxml.jackson.core..")
      .because("Striate uses Jackson 3 (tools.jackson); com.fasterxml.jackson.annotation is Jackson 3's too");

  @Test
  void mainClassesDoNotUseJackson2() {
    NO_JACKSON_2.check(classes);
  }

  @Test
  void theJackson2RuleCatchesAJackson2User() {
    JavaClasses fixture = new ClassFileImporter().importClasses(Jackson2User.class);
    assertThat(NO_JACKSON_2.evaluate(fixture).hasViolation()).as("rule flags a Jackson 2 ObjectMapper").isTrue();
  }

  /** A class the Jackson 2 rule must flag (test-only; Jackson 2 databind is on the test classpath). */
  static final class Jackson2User {
    Object mapper() {
      return new com.fasterxml.jackson.databind.ObjectMapper();
    }
  }
}
