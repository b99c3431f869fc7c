package io.striate.problem;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one handler: maps every failure of a REST call to an RFC 9457 problem with a stable {@code code}, field and
 * hint. Never a 5xx for bad input.
 */
@RestControllerAdvice
class ProblemHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
  private final JsonMapper json;

  ProblemHandler(JsonMapper json) {
    this.json = json;
  }

  /**
   * Every {@link ProblemException} (feature codes, invalid models, refused requests) with its own status; 503s
   * (database or storage unavailable, pools busy) carry a {@code Retry-After} header.
   */
  @ExceptionHandler(ProblemException.class)
  ResponseEntity<ProblemDetail> problem(ProblemException e) {
    if (e.status().code() >= 500 && e.status() != ProblemStatus.SERVICE_UNAVAILABLE
        && e.status() != ProblemStatus.INSUFFICIENT_STORAGE) {
      log.error("Request failed: {}", e.code(), e);
    }
    return respond(e);
  }

  /** A problem with its status and, when it has one, a {@code Retry-After} header. */
  static ResponseEntity<ProblemDetail> respond(ProblemException e) {
    var response = ResponseEntity.status(e.status().code()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
    Object retry = e instanceof ServiceBusyException busy ? busy.retryAfterSeconds()
        : e.extra().get("retryAfterSeconds");
    if (retry != null) {
      response.header(HttpHeaders.RETRY_AFTER, retry.toString());
    }
    return response.body(Problems.of(e));
  }

  /**
   * The endpoint cannot produce what {@code Accept} asks for: 406, written directly as problem JSON (there is no
   * representation acceptable to the client, so content negotiation cannot choose one).
   */
  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  void notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ProblemDetail problem = Problems.of(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "This resource is not "
        + "available as " + request.getHeader(HttpHeaders.ACCEPT), "Accept", "Available: "
        + e.getSupportedMediaTypes(), Map.of());
    response.setStatus(HttpStatus.NOT_ACCEPTABLE.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    JacksonException jackson = findCause(e, JacksonException.class);
    String pointer = jackson == null ? "" : JsonPointers.of(jackson.getPath());
    String where = jackson != null && jackson.getLocation() != null
        ? " (line " + jackson.getLocation().getLineNr() + ", column " + jackson.getLocation().getColumnNr() + ")"
        : "";
    String reason = jackson == null ? "the body is missing or not JSON" : jackson.getOriginalMessage();
    return Problems.of(HttpStatus.BAD_REQUEST, "malformed-json", "The request body could not be read at "
            + (pointer.isEmpty() ? "the document root" : pointer) + where + ": " + reason, pointer,
        "Send a valid JSON document; the field pointer says where it went wrong", Map.of());
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ProblemDetail invalid(MethodArgumentNotValidException e) {
    FieldError first = e.getBindingResult().getFieldError();
    String field = first == null ? "" : "/" + first.getField().replace('.', '/');
    String message = first == null ? "invalid request" : first.getField() + " " + first.getDefaultMessage();
    return Problems.of(HttpStatus.BAD_REQUEST, "invalid-field", message, field,
        "Correct the field and send the request again", Map.of());
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
    return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", "The upload exceeds the size limit",
        "file", "Uploads are limited by striate.limits.max-upload-size; shrink the model or ask the operator",
        Map.of());
  }

  @ExceptionHandler(MissingServletRequestPartException.class)
  ProblemDetail missingPart(MissingServletRequestPartException e) {
    return Problems.of(HttpStatus.BAD_REQUEST, "missing-part", "Multipart part '" + e.getRequestPartName()
        + "' is missing", e.getRequestPartName(), "Send the artifact as multipart part 'file'", Map.of());
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<ProblemDetail> multipart(MultipartException e) {
    MaxUploadSizeExceededException tooLarge = findCause(e, MaxUploadSizeExceededException.class);
    if (tooLarge != null) {
      return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge));
    }
    ProblemException infrastructure = InfrastructureFailures.classify(e);
    if (infrastructure != null) {
      return respond(infrastructure); // e.g. the temporary folder of uploads is full
    }
    return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "malformed-multipart", "The multipart body could not be read: "
        + e.getMostSpecificCause().getMessage(), "file", "Send multipart/form-data with a part named 'file'",
        Map.of()));
  }

  @ExceptionHandler(MissingRequestHeaderException.class)
  ProblemDetail missingHeader(MissingRequestHeaderException e) {
    return Problems.of(HttpStatus.BAD_REQUEST, "missing-header", e.getMessage(), e.getHeaderName(),
        "Add the header", Map.of());
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ProblemDetail missingParameter(MissingServletRequestParameterException e) {
    return Problems.of(HttpStatus.BAD_REQUEST, "missing-parameter", e.getMessage(), e.getParameterName(),
        "Add the query parameter", Map.of());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
    return Problems.of(HttpStatus.BAD_REQUEST, "invalid-parameter", "'" + e.getValue() + "' is not a valid "
        + e.getName(), e.getName(), "Check the parameter's type in the OpenAPI document (/v3/api-docs)", Map.of());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
    return Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", e.getMessage(), "Content-Type",
        "Supported: " + e.getSupportedMediaTypes(), Map.of());
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ProblemDetail method(HttpRequestMethodNotSupportedException e) {
    return Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", e.getMessage(), null,
        "Allowed: " + e.getSupportedHttpMethods(), Map.of());
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ProblemDetail noResource(NoResourceFoundException e) {
    return Problems.of(HttpStatus.NOT_FOUND, "not-found", "No such resource: /" + e.getResourcePath(), null,
        "See the API at /swagger-ui.html", Map.of());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    ProblemException infrastructure = InfrastructureFailures.classify(e);
    if (infrastructure != null) {
      log.warn("{} ({})", infrastructure.code(), e.toString());
      return respond(infrastructure);
    }
    log.error("Unexpected error", e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
        "internal", "Unexpected error: " + e.getClass().getSimpleName(), null,
        "This is a bug in Striate; please report it with the time of the request", Map.of()));
  }

  private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
