package io.striate.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document at /v3/api-docs is the API's contract: it has an operation for every REST controller
 * mapping (each media type a handler consumes, so two handlers sharing a path are both there), the bearer scheme,
 * the ProblemDetail schema on every error response, 201 where a resource is created, and no Jackson internals.
 */
class ApiDocumentationIntegrationTest extends IntegrationTest {
  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  private JsonNode doc;

  @BeforeEach
  void load() {
    var r = api.get("/v3/api-docs", null);
    assertThat(r.status()).isEqualTo(200);
    doc = r.json();
  }

  @Test
  void everyControllerMappingIsAnOperation() {
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
      Class<?> type = e.getValue().getBeanType();
      if (!type.getPackageName().startsWith("io.striate")
          || !AnnotatedElementUtils.hasAnnotation(type, RestController.class)) {
        continue;
      }
      RequestMappingInfo info = e.getKey();
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      for (String path : info.getPathPatternsCondition().getPatternValues()) {
        for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
          checked++;
          JsonNode operation = doc.path("paths").path(path).path(method.name().toLowerCase());
          String where = method + " " + path + " (" + type.getSimpleName() + "." + e.getValue().getMethod().getName()
              + ")";
          if (operation.isMissingNode()) {
            missing.add(where);
            continue;
          }
          for (MediaType consumed : info.getConsumesCondition().getConsumableMediaTypes()) {
            if (operation.path("requestBody").path("content").path(consumed.toString()).isMissingNode()) {
              missing.add(where + " consuming " + consumed);
            }
          }
        }
      }
    }
    assertThat(checked).as("controller mappings found").isGreaterThan(25);
    assertThat(missing).as("mappings absent from /v3/api-docs").isEmpty();
  }

  @Test
  void theUploadPathDocumentsBothOperations() {
    JsonNode content = doc.at("/paths/~1api~1v1~1models~1{id}~1versions/post/requestBody/content");
    assertThat(content.has("application/json")).isTrue();
    assertThat(content.has("multipart/form-data")).isTrue();
    assertThat(content.at("/multipart~1form-data/schema/properties").has("file")).isTrue();
  }

  @Test
  void titleVersionAndBearerSecurity() {
    assertThat(doc.at("/info/title").asString()).isEqualTo("Striate API");
    assertThat(doc.at("/info/version").asString()).isNotIn("v0", "null", "");
    JsonNode bearer = doc.at("/components/securitySchemes/bearer");
    assertThat(bearer.path("type").asString()).isEqualTo("http");
    assertThat(bearer.path("scheme").asString()).isEqualTo("bearer");
    assertThat(doc.path("security").toString()).contains("bearer");
  }

  @Test
  void everyErrorResponseIsAProblemDetail() {
    JsonNode problem = doc.at("/components/schemas/ProblemDetail/properties");
    assertThat(problem.has("code") && problem.has("field") && problem.has("hint") && problem.has("status")).isTrue();
    Set<String> wrong = new TreeSet<>();
    int errors = 0;
    for (var path : doc.path("paths").properties()) {
      for (var op : path.getValue().properties()) {
        if (!op.getValue().has("responses")) {
          continue;
        }
        for (var response : op.getValue().path("responses").properties()) {
          if (!response.getKey().matches("[45]\\d\\d")) {
            continue;
          }
          errors++;
          JsonNode r = resolve(response.getValue());
          JsonNode schema = r.at("/content/application~1problem+json/schema/$ref");
          if (!schema.asString().equals("#/components/schemas/ProblemDetail") || r.path("description").asString()
              .isBlank()) {
            wrong.add(op.getKey() + " " + path.getKey() + " " + response.getKey());
          }
        }
        assertThat(op.getValue().path("responses").has("400")).as(op.getKey() + " " + path.getKey()).isTrue();
      }
    }
    assertThat(errors).isGreaterThan(100);
    assertThat(wrong).isEmpty();
    assertThat(doc.at("/components/responses/Problem404/description").asString()).contains("model-not-found");
  }

  @Test
  void creatingOperationsAnswer201WithTheirSchema() {
    for (String pointer : List.of("/paths/~1api~1v1~1models/post", "/paths/~1api~1v1~1models~1{id}~1versions/post",
        "/paths/~1api~1v1~1submissions/post", "/paths/~1api~1v1~1tokens/post", "/paths/~1api~1v1~1webhooks/post",
        "/paths/~1api~1v1~1studies/post")) {
      JsonNode created = doc.at(pointer + "/responses/201");
      assertThat(created.isMissingNode()).as(pointer).isFalse();
      assertThat(created.path("content").toString()).as(pointer).contains("schema");
      assertThat(doc.at(pointer + "/responses").has("200") && !pointer.contains("versions")
          && !pointer.contains("submissions")).as(pointer + " has no plain 200").isFalse();
    }
  }

  @Test
  void jsonDocumentsAreObjectsNotJacksonInternals() {
    String text = doc.toString();
    assertThat(text).doesNotContain("\"nodeType\"").doesNotContain("containerNode").doesNotContain("valueNode");
  }

  private JsonNode resolve(JsonNode response) {
    String ref = response.path("$ref").asString("");
    return ref.isEmpty() ? response : doc.at(ref.substring(1));
  }
}
