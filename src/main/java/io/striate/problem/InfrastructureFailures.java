package io.striate.problem;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.ReadOnlyFileSystemException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Recognises failures of the infrastructure behind a request, which are not bugs and must not be answered with a
 * 500: PostgreSQL unreachable (503 {@code database-unavailable} with {@code Retry-After}), the storage directory full
 * (507 {@code storage-full}) or not writable (503 {@code storage-unavailable}), and text PostgreSQL cannot store (a
 * NUL character, 400 {@code nul-character}), by walking the cause chain.
 */
public final class InfrastructureFailures {
  /** Seconds a client should wait before retrying while the database or the storage is unavailable. */
  public static final int RETRY_AFTER_SECONDS = 5;

  private InfrastructureFailures() {
  }

  /** The problem a failure stands for, or null when it is not an infrastructure failure. */
  public static ProblemException classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ProblemException api) {
        return api;
      }
      if (t instanceof SQLException sql && "22021".equals(sql.getSQLState())) {
        return new ProblemException(ProblemStatus.BAD_REQUEST, "nul-character", "A text value contains a character "
            + "PostgreSQL cannot store (NUL, U+0000)", null, "Remove NUL characters from text fields");
      }
      if (isDatabaseUnavailable(t)) {
        return databaseUnavailable();
      }
      if (isStorageFull(t)) {
        return storageFull();
      }
      if (t instanceof AccessDeniedException || t instanceof ReadOnlyFileSystemException
          || (t instanceof IOException && message(t).contains("Read-only file system"))) {
        return storageUnavailable();
      }
    }
    return null;
  }

  public static ProblemException databaseUnavailable() {
    return new ProblemException(ProblemStatus.SERVICE_UNAVAILABLE, "database-unavailable", "The database is not reachable",
        null, "Retry in a few seconds; the service recovers by itself when PostgreSQL is back",
        java.util.Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS));
  }

  public static ProblemException storageFull() {
    return new ProblemException(ProblemStatus.INSUFFICIENT_STORAGE, "storage-full", "The storage directory is full", null,
        "Ask the operator to free space under striate.storage.dir; the request was not stored");
  }

  public static ProblemException storageUnavailable() {
    return new ProblemException(ProblemStatus.SERVICE_UNAVAILABLE, "storage-unavailable",
        "The storage directory is not writable", null,
        "Ask the operator to check striate.storage.dir (permissions, read-only mount)",
        java.util.Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS));
  }

  static boolean isStorageFull(Throwable t) {
    String m = message(t);
    return t instanceof IOException && (m.contains("No space left on device") || m.contains("Disk quota exceeded"));
  }

  private static boolean isDatabaseUnavailable(Throwable t) {
    if (t instanceof CannotCreateTransactionException || t instanceof CannotGetJdbcConnectionException
        || t instanceof DataAccessResourceFailureException || t instanceof SQLTransientConnectionException
        || t instanceof SQLNonTransientConnectionException
        || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
      return true;
    }
    // 08xxx: connection exception; 57P01-03: the server is shutting down or starting
    return t instanceof SQLException sql && sql.getSQLState() != null
        && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"));
  }

  private static String message(Throwable t) {
    return t.getMessage() == null ? "" : t.getMessage();
  }
}
