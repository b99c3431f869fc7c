package io.striate.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.striate.model.ModelSource;
import io.striate.model.catalog.ModelVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.util.ReflectionTestUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The job's ids reach the structured JSON log lines (Spring Boot's {@code ecs} format, as the app writes them). */
class JobLogContextTest {
  @Test
  void aLogLineOfAJobCarriesItsJobSubmissionAndModelIdsAsJsonFieldsAndNothingAfterwards() {
    // the application's logback context (its MDC adapter); Spring Boot puts its Environment there when it starts
    LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    if (context.getObject(Environment.class.getName()) == null) {
      context.putObject(Environment.class.getName(), new StandardEnvironment());
    }
    StructuredLogEncoder encoder = new StructuredLogEncoder();
    encoder.setContext(context);
    encoder.setFormat("ecs");
    encoder.start();
    ListAppender<ILoggingEvent> appender = new ListAppender<>() {
      @Override
      protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing(); // copy the MDC now, as an asynchronous appender would
        super.append(event);
      }
    };
    appender.setContext(context);
    appender.start();
    Logger logger = context.getLogger("io.striate.scoring.JobLogContextTest");
    logger.addAppender(appender);
    logger.setAdditive(false);

    Job job = new Job(41, 7, "Marques2020_DeValois1982-pref_or", 3);
    ReflectionTestUtils.setField(job, "id", 1234L);
    // a real version (no mock: Mockito's inline mock maker needs a JVM agent attach that fails on loaded machines)
    ModelVersion version = new ModelVersion(5, "0".repeat(64), ModelSource.Kind.BLOCK_SPEC, 1, "{}", "{}", null);
    try (JobLogContext ignored = JobLogContext.open(1234)) {
      JobLogContext.describe(job, version);
      logger.info("scoring");
    }
    logger.info("idle");

    logger.detachAppender(appender);
    JsonNode during = JsonMapper.builder().build().readTree(new String(encoder.encode(appender.list.get(0)),
        StandardCharsets.UTF_8));
    assertThat(during.path("message").asString()).isEqualTo("scoring");
    assertThat(field(during, "job.id")).isEqualTo("1234");
    assertThat(field(during, "submission.id")).isEqualTo("41");
    assertThat(field(during, "model.version.id")).isEqualTo("7");
    assertThat(field(during, "model.id")).isEqualTo("5");
    assertThat(field(during, "job.benchmark")).isEqualTo("Marques2020_DeValois1982-pref_or");
    JsonNode after = JsonMapper.builder().build().readTree(new String(encoder.encode(appender.list.get(1)),
        StandardCharsets.UTF_8));
    assertThat(field(after, "job.id")).isNull();
    assertThat(MDC.get("job.id")).isNull();
    assertThat(MDC.get("model.id")).isNull();
  }

  /** An MDC key as ECS writes it: nested ({@code job: {id}}) or flat ({@code "job.id"}). */
  private static String field(JsonNode line, String dotted) {
    JsonNode flat = line.get(dotted);
    if (flat != null) {
      return flat.asString();
    }
    JsonNode node = line;
    for (String part : dotted.split("\\.")) {
      node = node.path(part);
    }
    return node.isMissingNode() || node.isNull() ? null : node.asString();
  }
}
