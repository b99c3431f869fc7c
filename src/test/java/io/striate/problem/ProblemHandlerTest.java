package io.striate.problem;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;

/**
 * The error mapping as a Spring MVC slice: {@link ProblemHandler} and {@link NulCharacterAdvice} in front of a test
 * controller that throws each kind of failure (or lets Spring MVC raise it), with Boot's MVC, Jackson and validation
 * auto-configuration. Every answer must be an RFC 9457 {@code application/problem+json} document with the status,
 * the stable {@code code}, the offending {@code field} and a {@code hint}; an unexpected exception is a 500 that
 * tells nothing of its message or stack.
 */
@WebMvcTest
class ProblemHandlerTest {
  private static final String SECRET = "password=hunter2 at /etc/striate";

  /** Only what is imported here: no component scan of the application, so no database, no token filter. */
  @SpringBootConfiguration
  @Import({ProblemHandler.class, NulCharacterAdvice.class, Throwing.class})
  static class Slice {
  }

  /** A request body with one validated field. */
  record Body(@NotBlank String name, Integer size) {
  }

  @RestController
  @RequestMapping("/test")
  static class Throwing {
    @GetMapping("/problem")
    void problem() {
      throw new ProblemException(ProblemStatus.CONFLICT, "version-exists", "Version 3 has the same sha-256",
          "/artifact", "Use the existing version");
    }

    @GetMapping("/refused")
    void refused() {
      throw new ProblemException("invalid-model", "/spec/layers/0", "Unknown layer type 'Foo'",
          "Use one of the block types listed in the OpenAPI document");
    }

    @GetMapping("/missing")
    void missing() {
      throw ProblemException.notFound("model", 42);
    }

    @GetMapping("/busy")
    void busy() {
      throw new ServiceBusyException("inference-busy", "Every inference thread is busy", "Retry shortly", 7);
    }

    @GetMapping("/database")
    void database() {
      throw new CannotCreateTransactionException("no connection",
          new SQLTransientConnectionException("pool timed out after 3000 ms"));
    }

    @GetMapping("/bug")
    void bug() {
      throw new IllegalStateException(SECRET);
    }

    @PostMapping(value = "/body", consumes = MediaType.APPLICATION_JSON_VALUE)
    Body body(@Valid @RequestBody Body body) {
      return body;
    }

    @PostMapping(value = "/text", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> text(@RequestBody Map<String, Object> body) {
      return body;
    }

    @GetMapping("/param")
    int param(@RequestParam int page) {
      return page;
    }

    @GetMapping("/header")
    String header(@RequestHeader("X-Striate-Client") String client) {
      return client;
    }

    @GetMapping(value = "/csv", produces = "text/csv")
    String csv() {
      return "a,b\n";
    }

    @PostMapping(value = "/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    long upload(@RequestPart("file") MultipartFile file) {
      return file.getSize();
    }

    @GetMapping("/too-large")
    void tooLarge() {
      throw new MaxUploadSizeExceededException(1024);
    }

    @GetMapping("/broken-multipart")
    void brokenMultipart() {
      throw new MultipartException("Failed to parse multipart servlet request", new IOException("Stream ended"));
    }
  }

  @Autowired
  MockMvc mvc;

  @Test
  void aProblemExceptionKeepsItsStatusCodeFieldAndHint() throws Exception {
    problem(mvc.perform(get("/test/problem")), 409, "version-exists", "/artifact", "Use the existing version")
        .andExpect(jsonPath("$.type").value("https://striate.io/problems/version-exists"))
        .andExpect(jsonPath("$.title").value("Conflict"))
        .andExpect(jsonPath("$.detail").value("Version 3 has the same sha-256"));
    problem(mvc.perform(get("/test/refused")), 422, "invalid-model", "/spec/layers/0",
        "Use one of the block types listed in the OpenAPI document");
    problem(mvc.perform(get("/test/missing")), 404, "model-not-found", "id",
        "Check the id; list them with GET /api/v1/models");
  }

  @Test
  void busyAndUnreachableInfrastructureAre503WithRetryAfter() throws Exception {
    problem(mvc.perform(get("/test/busy")), 503, "inference-busy", null, "Retry shortly")
        .andExpect(header().string(HttpHeaders.RETRY_AFTER, "7"));
    mvc.perform(get("/test/database"))
        .andExpect(status().is(503))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("database-unavailable"))
        .andExpect(jsonPath("$.hint").isNotEmpty())
        .andExpect(header().string(HttpHeaders.RETRY_AFTER,
            String.valueOf(InfrastructureFailures.RETRY_AFTER_SECONDS)));
  }

  @Test
  void anUnexpectedExceptionIsA500WithoutItsMessageOrStack() throws Exception {
    problem(mvc.perform(get("/test/bug")), 500, "internal", null,
        "This is a bug in Striate; please report it with the time of the request")
        .andExpect(jsonPath("$.detail").value("Unexpected error: IllegalStateException"))
        .andExpect(jsonPath("$.trace").doesNotExist())
        .andExpect(jsonPath("$.exception").doesNotExist())
        .andExpect(content().string(not(containsString("hunter2"))))
        .andExpect(content().string(not(containsString("io.striate.problem.ProblemHandlerTest"))));
  }

  @Test
  void anInvalidFieldNamesItsJsonPointer() throws Exception {
    problem(mvc.perform(post("/test/body").contentType(MediaType.APPLICATION_JSON).content("{\"name\": \" \"}")),
        400, "invalid-field", "/name", "Correct the field and send the request again")
        .andExpect(jsonPath("$.detail").value("name must not be blank"));
  }

  @Test
  void malformedJsonSaysWhereItWentWrong() throws Exception {
    problem(mvc.perform(post("/test/body").contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\": \"a\", \"size\": \"big\"}")),
        400, "malformed-json", "/size", "Send a valid JSON document; the field pointer says where it went wrong")
        .andExpect(jsonPath("$.detail").value(containsString("at /size")));
    problem(mvc.perform(post("/test/body").contentType(MediaType.APPLICATION_JSON).content("")),
        400, "malformed-json", "", "Send a valid JSON document; the field pointer says where it went wrong")
        .andExpect(jsonPath("$.detail").value(containsString("the document root")));
  }

  @Test
  void aNulCharacterIsRefusedWithItsPointer() throws Exception {
    problem(mvc.perform(post("/test/text").contentType(MediaType.APPLICATION_JSON)
            .content("{\"description\": {\"text\": \"a\\u0000b\"}}")),
        400, "nul-character", "/description/text", "Remove NUL characters from text; they cannot be stored");
  }

  @Test
  void missingOrMistypedParametersAndHeadersAreNamed() throws Exception {
    problem(mvc.perform(get("/test/param")), 400, "missing-parameter", "page", "Add the query parameter");
    problem(mvc.perform(get("/test/param").param("page", "two")), 400, "invalid-parameter", "page",
        "Check the parameter's type in the OpenAPI document (/v3/api-docs)")
        .andExpect(jsonPath("$.detail").value("'two' is not a valid page"));
    problem(mvc.perform(get("/test/header")), 400, "missing-header", "X-Striate-Client", "Add the header");
  }

  @Test
  void wrongMethodMediaTypeOrPathAreClientErrors() throws Exception {
    problem(mvc.perform(get("/test/body")), 405, "method-not-allowed", null, "Allowed: [POST]");
    problem(mvc.perform(post("/test/body").contentType(MediaType.TEXT_PLAIN).content("name")), 415,
        "unsupported-media-type", "Content-Type", "Supported: [application/json]");
    problem(mvc.perform(get("/test/csv").accept(MediaType.APPLICATION_XML)), 406, "not-acceptable", "Accept",
        "Available: [text/csv]");
    problem(mvc.perform(get("/test/no-such-thing")), 404, "not-found", null, "See the API at /swagger-ui.html");
  }

  @Test
  void uploadFailuresAreProblemsToo() throws Exception {
    problem(mvc.perform(multipart("/test/upload").param("name", "x")), 400, "missing-part", "file",
        "Send the artifact as multipart part 'file'");
    problem(mvc.perform(get("/test/too-large")), 413, "upload-too-large", "file",
        "Uploads are limited by striate.limits.max-upload-size; shrink the model or ask the operator");
    problem(mvc.perform(get("/test/broken-multipart")), 400, "malformed-multipart", "file",
        "Send multipart/form-data with a part named 'file'")
        .andExpect(jsonPath("$.detail").value("The multipart body could not be read: Stream ended"));
  }

  /** The common shape: status, problem+json, the RFC 9457 status member, code, field (absent when null) and hint. */
  private static ResultActions problem(ResultActions result, int status, String code, String field, String hint)
      throws Exception {
    ResultMatcher fieldMatcher = field == null ? jsonPath("$.field").doesNotExist() : jsonPath("$.field").value(field);
    return result
        .andExpect(status().is(status))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(status))
        .andExpect(jsonPath("$.code").value(code))
        .andExpect(fieldMatcher)
        .andExpect(jsonPath("$.hint").value(hint));
  }
}
