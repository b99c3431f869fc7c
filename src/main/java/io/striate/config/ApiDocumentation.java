package io.striate.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.core.MethodParameter;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI contract at {@code /v3/api-docs} beyond what springdoc derives from the controllers: title and version,
 * the bearer security scheme (Swagger UI's Authorize button; anonymous calls stay possible where the API allows
 * them), the RFC 9457 {@value #PROBLEM} schema with its stable {@code code}, the error responses every operation can
 * give, and JSON documents ({@link JsonNode} fields: specs, metadata, score details) as free-form objects instead of
 * Jackson's node internals. Creating operations declare their 201 on the controller.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {
  /** The security scheme's name. */
  static final String BEARER = "bearer";
  /** The component schema of every error response. */
  static final String PROBLEM = "ProblemDetail";
  private static final String PROBLEM_JSON = "application/problem+json";

  /** Error statuses with the stable codes they carry (the {@code code} member of the problem). */
  static final Map<String, String> ERRORS = errors();

  static {
    SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new ObjectSchema()
        .additionalProperties(true).description("A JSON document (see the operation's description)"));
  }

  private static Map<String, String> errors() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("400", "Bad request: invalid-field, invalid-parameter, invalid-header, malformed-json, malformed-multipart, "
        + "missing-part, missing-parameter, missing-header, unknown-field, unknown-benchmark, unknown-reference, "
        + "nul-character, …");
    m.put("401", "No valid token: missing-token, invalid-token");
    m.put("403", "The token lacks the scope or does not own the resource: insufficient-scope, not-owner");
    m.put("404", "Not found (or not visible to this caller): model-not-found, version-not-found, score-not-found, "
        + "submission-not-found, not-found, …");
    m.put("409", "Conflict: model-name-taken, idempotency-key-reused, too-many-webhooks");
    m.put("413", "Too large: upload-too-large, image-too-large");
    m.put("415", "Unsupported media type: unsupported-media-type");
    m.put("422", "Understood but refused: invalid-model, unknown-metadata-key, invalid-url, no-common-benchmark, …");
    m.put("429", "Too many requests: rate-limited, quota-exceeded (with Retry-After)");
    m.put("503", "A dependency is unavailable: database-unavailable, storage-unavailable");
    m.put("507", "Storage full: storage-full");
    return m;
  }

  @Bean
  OpenAPI striateOpenApi(ObjectProvider<BuildProperties> build) {
    BuildProperties properties = build.getIfAvailable();
    String version = properties != null ? properties.getVersion()
        : String.valueOf(ApiDocumentation.class.getPackage().getImplementationVersion());
    Components components = new Components()
        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
            .bearerFormat("stk_…").description("An API token (POST /api/v1/tokens; the admin token is printed at "
                + "the first start): Authorization: Bearer stk_…"))
        .addSchemas(PROBLEM, problemSchema());
    ERRORS.forEach((status, description) -> components.addResponses(responseName(status), new ApiResponse()
        .description(description).content(problemContent())));
    return new OpenAPI()
        .info(new Info().title("Striate API").version(version)
            .description("Scores vision models against primate V1 data. Errors are RFC 9457 problems with a stable "
                + "`code`, the offending `field` and a `hint`.")
            .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
        .components(components)
        // a token where one is held; the empty requirement keeps anonymous reads valid
        .security(List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement()));
  }

  /** Each handler's own operation, before springdoc folds handlers that share a path and method into one. */
  private final Map<Method, Operation> byHandler = new ConcurrentHashMap<>();

  @Bean
  OperationCustomizer rememberHandlerOperations() {
    return (operation, handler) -> {
      byHandler.put(handler.getMethod(), operation);
      return operation;
    };
  }

  /**
   * Two handlers on one path and method that differ by what they consume (the JSON and the multipart version
   * upload) are one OpenAPI operation: every handler's request media types are kept, each with its description.
   */
  @Bean
  GlobalOpenApiCustomizer sharedPathOperations(
      @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
    return api -> mappings.getObject().getHandlerMethods().forEach((info, handler) -> {
      if (api.getPaths() == null || info.getConsumesCondition().getConsumableMediaTypes().isEmpty()) {
        return;
      }
      for (String path : info.getPathPatternsCondition().getPatternValues()) {
        PathItem item = api.getPaths().get(path);
        for (RequestMethod method : info.getMethodsCondition().getMethods()) {
          Operation documented = item == null ? null : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(
              method.name()));
          if (documented != null) {
            addMissingMediaTypes(documented, info, handler);
          }
        }
      }
    });
  }

  private void addMissingMediaTypes(Operation documented, RequestMappingInfo info, HandlerMethod handler) {
    RequestBody body = documented.getRequestBody() != null ? documented.getRequestBody() : new RequestBody();
    Content content = body.getContent() != null ? body.getContent() : new Content();
    Operation own = byHandler.get(handler.getMethod());
    boolean added = false;
    for (org.springframework.http.MediaType consumed : info.getConsumesCondition().getConsumableMediaTypes()) {
      String type = consumed.toString();
      if (content.containsKey(type)) {
        continue;
      }
      MediaType media = own != null && own.getRequestBody() != null && own.getRequestBody().getContent() != null
          ? own.getRequestBody().getContent().get(type) : null;
      content.addMediaType(type, media != null ? media : new MediaType().schema(parts(handler)));
      added = true;
    }
    documented.setRequestBody(body.content(content));
    io.swagger.v3.oas.annotations.Operation declared =
        handler.getMethodAnnotation(io.swagger.v3.oas.annotations.Operation.class);
    if (added && declared != null && (documented.getDescription() == null
        || !documented.getDescription().contains(declared.description()))) {
      String consumes = String.join(", ", info.getConsumesCondition().getConsumableMediaTypes().stream()
          .map(Object::toString).toList());
      documented.setSummary(documented.getSummary() + "; or: " + declared.summary());
      documented.setDescription((documented.getDescription() == null ? "" : documented.getDescription() + "\n\n")
          + "**" + consumes + "** — " + declared.summary() + ": " + declared.description());
    }
  }

  /** A multipart body's schema from the handler's {@code @RequestPart} parameters (files as binary strings). */
  private static Schema<?> parts(HandlerMethod handler) {
    ObjectSchema schema = new ObjectSchema();
    for (MethodParameter parameter : handler.getMethodParameters()) {
      RequestPart part = parameter.getParameterAnnotation(RequestPart.class);
      if (part == null) {
        continue;
      }
      String name = !part.value().isEmpty() ? part.value() : part.name();
      boolean file = MultipartFile.class.isAssignableFrom(parameter.getParameterType())
          || List.class.isAssignableFrom(parameter.getParameterType());
      schema.addProperty(name, file ? new StringSchema().format("binary") : new StringSchema());
      if (part.required()) {
        schema.addRequiredItem(name);
      }
    }
    return schema;
  }

  /** Adds the error responses to every operation (those springdoc found on the controllers are kept). */
  @Bean
  GlobalOpenApiCustomizer problemResponses() {
    return api -> {
      // springdoc would describe Spring's ProblemDetail class (with its Java 'properties' map); ours has the members
      api.getComponents().addSchemas(PROBLEM, problemSchema());
      if (api.getPaths() == null) {
        return;
      }
      api.getPaths().forEach((path, item) -> item.readOperationsMap()
          .forEach((method, operation) -> addErrors(path, method, operation)));
    };
  }

  private static void addErrors(String path, PathItem.HttpMethod method, Operation operation) {
    ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
    boolean body = operation.getRequestBody() != null;
    add(responses, "400");
    add(responses, "401");
    if (write || path.contains("/activations")) {
      add(responses, "403");
    }
    if (path.contains("{")) {
      add(responses, "404");
    }
    if (write && method == PathItem.HttpMethod.POST) {
      add(responses, "409");
    }
    if (body) {
      add(responses, "413");
      add(responses, "415");
      add(responses, "422");
    }
    add(responses, "429");
    add(responses, "503");
    if (body) {
      add(responses, "507");
    }
    // error responses springdoc took from the exception handlers: the same problem document
    new LinkedHashMap<>(responses).forEach((status, response) -> {
      if (status.matches("[45]\\d\\d") && response.get$ref() == null) {
        if (ERRORS.containsKey(status)) {
          add(responses, status);
        } else {
          response.setContent(problemContent());
        }
      }
    });
    operation.setResponses(responses);
  }

  private static void add(ApiResponses responses, String status) {
    responses.addApiResponse(status, new ApiResponse().$ref("#/components/responses/" + responseName(status)));
  }

  private static Content problemContent() {
    return new Content().addMediaType(PROBLEM_JSON,
        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
  }

  private static String responseName(String status) {
    return "Problem" + status;
  }

  private static Schema<?> problemSchema() {
    return new ObjectSchema().description("RFC 9457 problem details with Striate's members")
        .addProperty("type", new StringSchema().format("uri").description("about:blank unless a page explains it"))
        .addProperty("title", new StringSchema().description("The HTTP status phrase"))
        .addProperty("status", new IntegerSchema().description("The HTTP status"))
        .addProperty("detail", new StringSchema().description("What went wrong, for a person"))
        .addProperty("instance", new StringSchema().format("uri-reference").description("The request path"))
        .addProperty("code", new StringSchema().description("Stable, machine-readable: e.g. invalid-field, "
            + "model-not-found, not-owner, upload-too-large, rate-limited (the error responses list them by status)"))
        .addProperty("field", new StringSchema().description("The offending input: a JSON pointer (/spec/layers/0), "
            + "a parameter, header, multipart part or configuration variable"))
        .addProperty("hint", new StringSchema().description("What to do about it"))
        .additionalProperties(true)
        .required(List.of("status", "code"));
  }
}
