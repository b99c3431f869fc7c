package io.striate.scoring;

import io.striate.model.catalog.ModelVersion;
import java.util.List;
import org.slf4j.MDC;

/**
 * The job a worker thread runs, in the logging context ({@link MDC}): {@code job.id}, {@code job.benchmark},
 * {@code submission.id}, {@code model.id} and {@code model.version.id}. Every log line of the job carries them, and
 * the structured JSON logs ({@code logging.structured.format.console=ecs|logstash|gelf}) write them as fields.
 */
final class JobLogContext implements AutoCloseable {
  static final List<String> KEYS = List.of("job.id", "job.benchmark", "submission.id", "model.id",
      "model.version.id");

  private JobLogContext() {
  }

  /** Puts the job id on this thread's context until {@link #close}. */
  static JobLogContext open(long jobId) {
    MDC.put("job.id", Long.toString(jobId));
    return new JobLogContext();
  }

  /** Adds what the job is about, once it is read. */
  static void describe(Job job, ModelVersion version) {
    MDC.put("job.benchmark", job.getBenchmarkId());
    MDC.put("submission.id", String.valueOf(job.getSubmissionId()));
    MDC.put("model.version.id", String.valueOf(job.getModelVersionId()));
    if (version != null) {
      MDC.put("model.id", String.valueOf(version.getModelId()));
    }
  }

  @Override
  public void close() {
    KEYS.forEach(MDC::remove);
  }
}
