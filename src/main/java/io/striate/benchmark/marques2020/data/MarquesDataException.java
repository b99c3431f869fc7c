package io.striate.benchmark.marques2020.data;

import io.striate.problem.ProblemException;

/**
 * A reference-data import or read failed. Carries a stable {@code code} (for RFC 9457 problem details), the
 * offending {@code field} and a {@code hint} for the administrator.
 */
public class MarquesDataException extends ProblemException {
  /** The file's sha1 is not the one Brain-Score published. */
  public static final String SHA1_MISMATCH = "marques-data-sha1-mismatch";
  /** The file cannot be read as the expected format. */
  public static final String UNREADABLE = "marques-data-unreadable";
  /** The identifier is not one of the importable assemblies / stimulus sets. */
  public static final String UNKNOWN = "marques-data-unknown";

  public MarquesDataException(String code, String field, String message, String hint) {
    super(code, field, message, hint);
  }

  public MarquesDataException(String code, String field, String message, String hint, Throwable cause) {
    super(code, field, message, hint, cause);
  }
}
