package io.striate.problem;

/**
 * The service cannot take this request now (its bounded pools are full) but will soon: rendered as 503 with a
 * {@code Retry-After} header of {@link #retryAfterSeconds()}.
 */
public class ServiceBusyException extends ProblemException {
  private final long retryAfterSeconds;

  public ServiceBusyException(String code, String message, String hint, long retryAfterSeconds) {
    super(ProblemStatus.SERVICE_UNAVAILABLE, code, message, null, hint);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
