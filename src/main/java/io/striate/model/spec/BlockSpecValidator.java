package io.striate.model.spec;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.striate.model.runtime.InvalidModelException;
import io.striate.model.runtime.ModelProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a block spec against the published JSON Schema ({@value #SCHEMA_RESOURCE}, draft 2020-12, networknt
 * validator) and then the rules a schema cannot express: layer names are unique in the whole tree, taps name
 * top-level layers, the V1 layer is a tap. Errors carry the JSON pointer of the offending field.
 *
 * <p>One JSON stack: the spec is parsed into a Jackson 3 tree ({@code tools.jackson}, Spring Boot 4's), which the
 * networknt validator 3.x checks directly and from which the spec model ({@link BlockSpec}'s layers,
 * {@code BlockSpecCompiler}, {@code BiologicalLayers}, {@code SpecMemoryEstimate}) is built. Validator 3.x's
 * {@link Error#getMessage()} no longer starts with the instance location, so {@link #describe(Error)} puts it back:
 * the {@code invalid-spec} messages read as they did with 1.5.x ({@code "/layers/0: required property 'kernel' not
 * found"}). {@code ArchitectureTest} keeps Jackson 2 databind/core out of the main classes.
 */
public final class BlockSpecValidator {
  /** Classpath location of the schema; Spring serves it at {@code /schemas/block-spec.schema.json}. */
  public static final String SCHEMA_RESOURCE = "/static/schemas/block-spec.schema.json";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final Schema schema;

  public BlockSpecValidator() {
    try (InputStream in = BlockSpecValidator.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      SchemaRegistryConfig config = SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build();
      this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
          builder -> builder.schemaRegistryConfig(config)).getSchema(in);
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
    } catch (JacksonException e) {
      throw invalid("", "the block spec is not valid JSON: " + e.getOriginalMessage());
    }
    if (tree == null || tree.isMissingNode()) throw invalid("", "the block spec is empty");
    List<Error> errors = schema.validate(tree);
    if (!errors.isEmpty()) {
      List<Error> sorted = errors.stream()
          .sorted(Comparator.comparing((Error m) -> m.getInstanceLocation().toString())).toList();
      Error first = sorted.stream().filter(m -> "additionalProperties".equals(m.getKeyword())).findFirst()
          .orElse(sorted.get(0));
      String all = String.join("; ", sorted.stream().limit(5).map(BlockSpecValidator::describe).toList());
      throw invalid(pointer(first), all);
    }
    BlockSpec spec;
    try {
      spec = JSON.treeToValue(tree, BlockSpec.class);
    } catch (JacksonException e) {
      throw invalid("", e.getOriginalMessage());
    }
    Set<String> names = new HashSet<>();
    checkNames(tree.get("layers"), "/layers", names);
    Set<String> topLevel = new HashSet<>();
    for (JsonNode layer : spec.layers()) {
      if (layer.hasNonNull("name")) topLevel.add(layer.get("name").asString());
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

  /** The error as validator 1.5.x wrote it: instance location (JSON pointer), colon, message. */
  private static String describe(Error m) {
    return m.getInstanceLocation() + ": " + m.getMessage();
  }

  /** The error's JSON pointer; for an unknown field the pointer of that field itself. */
  private static String pointer(Error m) {
    String at = m.getInstanceLocation().toString();
    if ("additionalProperties".equals(m.getKeyword()) && m.getProperty() != null) {
      return at + "/" + m.getProperty().replace("~", "~0").replace("/", "~1");
    }
    return at;
  }

  private static void checkNames(JsonNode layers, String pointer, Set<String> names) {
    for (int i = 0; i < layers.size(); i++) {
      JsonNode layer = layers.get(i);
      String here = pointer + "/" + i;
      if (layer.hasNonNull("name") && !names.add(layer.get("name").asString())) {
        throw invalid(here + "/name", "layer name '" + layer.get("name").asString() + "' is used twice");
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
