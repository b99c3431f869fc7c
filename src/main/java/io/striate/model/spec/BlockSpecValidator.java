package io.striate.model.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.striate.model.runtime.InvalidModelException;
import io.striate.model.runtime.ModelProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a block spec against the published JSON Schema ({@value #SCHEMA_RESOURCE}, draft 2020-12, networknt
 * validator) and then the rules a schema cannot express: layer names are unique in the whole tree, taps name
 * top-level layers, the V1 layer is a tap. Errors carry the JSON pointer of the offending field.
 *
 * <p><b>Why Jackson 2 ({@code com.fasterxml.jackson.databind}) while the rest of Striate uses Jackson 3
 * ({@code tools.jackson}, Spring Boot 4's):</b> networknt json-schema-validator 1.5.x validates Jackson 2 trees, so
 * the parsed spec is a Jackson 2 tree, and the spec model built from it ({@link BlockSpec}'s layers,
 * {@code BlockSpecCompiler}, {@code BiologicalLayers}, {@code SpecMemoryEstimate}) and the child-JVM protocol of the
 * preflight and activation processes ({@code PreflightMain}/{@code PreflightProcess},
 * {@code ActivationMain}/{@code ModelActivations}, {@code ModelMetadata}) read the same trees. Jackson 2 databind
 * comes in only through the validator. The way out is validator 3.x (on {@code tools.jackson}, Java 17, on Maven
 * Central): its API is new ({@code SchemaRegistry}, {@code Schema}, {@code Error} instead of
 * {@code JsonSchemaFactory}, {@code JsonSchema}, {@code ValidationMessage}), its messages may read differently (the
 * {@code invalid-spec} problems quote them), and the classes above move together to Jackson 3's {@code JsonNode}
 * (whose {@code asInt()}/{@code asText()} family is renamed and stricter) — one change, to make with their tests.
 * The {@code com.fasterxml.jackson.annotation} imports elsewhere are not Jackson 2: Jackson 3 kept that package.
 */
public final class BlockSpecValidator {
  /** Classpath location of the schema; Spring serves it at {@code /schemas/block-spec.schema.json}. */
  public static final String SCHEMA_RESOURCE = "/static/schemas/block-spec.schema.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JsonSchema schema;

  public BlockSpecValidator() {
    try (InputStream in = BlockSpecValidator.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
      this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
    }
  }

  /**
   * @throws InvalidModelException code {@code invalid-spec}, field = JSON pointer of the first problem
   */
  public BlockSpec parse(String json) {
    JsonNode tree;
    try {
      tree = JSON.readTree(json == null ? "" : json);
    } catch (JsonProcessingException e) {
      throw invalid("", "the block spec is not valid JSON: " + e.getOriginalMessage());
    }
    if (tree == null || tree.isMissingNode()) throw invalid("", "the block spec is empty");
    Set<ValidationMessage> errors = schema.validate(tree);
    if (!errors.isEmpty()) {
      List<ValidationMessage> sorted = errors.stream()
          .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())).toList();
      ValidationMessage first = sorted.stream().filter(m -> "additionalProperties".equals(m.getType())).findFirst()
          .orElse(sorted.get(0));
      String all = String.join("; ", sorted.stream().limit(5).map(ValidationMessage::getMessage).toList());
      throw invalid(pointer(first), all);
    }
    BlockSpec spec;
    try {
      spec = JSON.treeToValue(tree, BlockSpec.class);
    } catch (JsonProcessingException e) {
      throw invalid("", e.getOriginalMessage());
    }
    Set<String> names = new HashSet<>();
    checkNames(tree.get("layers"), "/layers", names);
    Set<String> topLevel = new HashSet<>();
    for (JsonNode layer : spec.layers()) {
      if (layer.hasNonNull("name")) topLevel.add(layer.get("name").asText());
    }
    boolean hybrid = spec.hasBackbone();
    for (int i = 0; i < spec.taps().size(); i++) {
      if (!hybrid && !topLevel.contains(spec.taps().get(i))) {
        throw invalid("/taps/" + i, "tap '" + spec.taps().get(i) + "' does not name a top-level layer");
      }
    }
    if (spec.v1Layer() != null && !spec.taps().contains(spec.v1Layer())) {
      throw invalid("/v1Layer", "v1Layer '" + spec.v1Layer() + "' is not one of the taps");
    }
    return spec;
  }

  /** The message's JSON pointer; for an unknown field the pointer of that field itself. */
  private static String pointer(ValidationMessage m) {
    String at = m.getInstanceLocation().toString();
    if ("additionalProperties".equals(m.getType()) && m.getProperty() != null) {
      return at + "/" + m.getProperty().replace("~", "~0").replace("/", "~1");
    }
    return at;
  }

  private static void checkNames(JsonNode layers, String pointer, Set<String> names) {
    for (int i = 0; i < layers.size(); i++) {
      JsonNode layer = layers.get(i);
      String here = pointer + "/" + i;
      if (layer.hasNonNull("name") && !names.add(layer.get("name").asText())) {
        throw invalid(here + "/name", "layer name '" + layer.get("name").asText() + "' is used twice");
      }
      if (layer.has("layers")) checkNames(layer.get("layers"), here + "/layers", names);
      if (layer.has("shortcut")) checkNames(layer.get("shortcut"), here + "/shortcut", names);
      if (layer.has("branches")) {
        JsonNode branches = layer.get("branches");
        for (int b = 0; b < branches.size(); b++) checkNames(branches.get(b), here + "/branches/" + b, names);
      }
    }
  }

  static InvalidModelException invalid(String pointer, String message) {
    return new InvalidModelException(ModelProblem.INVALID_SPEC, pointer.isEmpty() ? "/spec" : "/spec" + pointer,
        message);
  }
}
