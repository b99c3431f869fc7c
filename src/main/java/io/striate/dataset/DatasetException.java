package io.striate.dataset;

import io.striate.problem.ProblemException;

/**
 * A dataset import or read failed: a stable {@code code} (e.g. {@code dataset-missing-variable}), the offending
 * {@code field} (a variable, column, file or stimulus id) and a {@code hint} on how to fix it. The REST layer maps
 * it to an RFC 9457 ProblemDetail (422 for bad files and shapes, 400 for bad
 * parameters and ids, 404 for an unknown dataset, 409 for a duplicate id).
 */
public class DatasetException extends ProblemException {
  public static final String MISSING_VARIABLE = "dataset-missing-variable";
  public static final String WRONG_DIMENSION = "dataset-wrong-dimension";
  public static final String STIMULUS_MISMATCH = "dataset-stimulus-mismatch";
  public static final String CHECKSUM_MISMATCH = "dataset-checksum-mismatch";
  public static final String UNREADABLE = "dataset-unreadable";
  public static final String DUPLICATE = "dataset-duplicate";
  public static final String NOT_FOUND = "dataset-not-found";
  public static final String INVALID_ID = "dataset-invalid-id";
  /** The recordings do not have the shape the benchmark reading this id defines (images, presentations, ...). */
  public static final String SHAPE_MISMATCH = "dataset-shape-mismatch";
  /** A parameter contradicts the definition of the benchmark reading this id (window, degrees, region). */
  public static final String DEFINITION_MISMATCH = "dataset-definition-mismatch";
  /** A required import parameter is missing or not a number. */
  public static final String INVALID_PARAMETER = "dataset-invalid-parameter";

  public DatasetException(String code, String field, String message, String hint) {
    super(code, field, message, hint);
  }

  public DatasetException(String code, String field, String message, String hint, Throwable cause) {
    super(code, field, message, hint, cause);
  }
}
