package io.striate.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;

/** Infrastructure failures are 503/507 problems, not 500s. */
class InfrastructureFailuresTest {
  @Test
  void databaseDownIs503WithRetryAfter() {
    ProblemException e = InfrastructureFailures.classify(new CannotCreateTransactionException("no connection",
        new java.sql.SQLTransientConnectionException("pool timed out after 3000 ms")));
    assertThat(e.status()).isEqualTo(ProblemStatus.SERVICE_UNAVAILABLE);
    assertThat(e.code()).isEqualTo("database-unavailable");
    assertThat(e.extra()).containsEntry("retryAfterSeconds", InfrastructureFailures.RETRY_AFTER_SECONDS);
    assertThat(InfrastructureFailures.classify(new RuntimeException(new java.sql.SQLException("x", "08006"))).code())
        .isEqualTo("database-unavailable");
  }

  @Test
  void fullOrUnwritableStorageIs507Or503() {
    assertThat(InfrastructureFailures.classify(new java.io.UncheckedIOException(new IOException(
        "No space left on device"))).status()).isEqualTo(ProblemStatus.INSUFFICIENT_STORAGE);
    assertThat(InfrastructureFailures.classify(new AccessDeniedException("/data/artifacts")).code())
        .isEqualTo("storage-unavailable");
    assertThat(InfrastructureFailures.classify(new IllegalStateException("a bug"))).isNull();
  }
}
