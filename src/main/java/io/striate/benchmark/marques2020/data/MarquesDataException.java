package io.striate.benchmark.marques2020.data;

/**
 * A reference-data import or read failed. Carries a stable {@code code} (for RFC 9457 problem details), the
 * offending {@code field} and a {@code hint} for the administrator.
 */
public class MarquesDataException extends RuntimeException {
  /** The file's sha1 is not the one Brain-Score published. */
  public static final String SHA1_MISMATCH = "marques-data-sha1-mismatch";
  /** The file cannot be read as the expected format. */
  public static final String UNREADABLE = "marques-data-unreadable";
  /** The identifier is not one of the importable assemblies / stimulus sets. */
  public static final String UNKNOWN = "marques-data-unknown";

  private final String code;
  private final String field;
  private final String hint;

  public MarquesDataException(String code, String field, String message, String hint) {
    super(message);
    this.code = code;
    this.field = field;
    this.hint = hint;
  }

  public MarquesDataException(String code, String field, String message, String hint, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.field = field;
    this.hint = hint;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }

  public String hint() {
    return hint;
  }
}
