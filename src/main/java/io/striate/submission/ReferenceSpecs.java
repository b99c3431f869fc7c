package io.striate.submission;

import io.striate.web.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The block specs shipped in the jar under {@code classpath:specs/<id>.json} (vone-v1, pixels, random-gabor, …). */
@Component
class ReferenceSpecs {
  private final JsonMapper json;
  private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

  ReferenceSpecs(JsonMapper json) {
    this.json = json;
  }

  List<String> ids() {
    try {
      return Arrays.stream(resolver.getResources("classpath*:specs/*.json")).map(Resource::getFilename)
          .map(name -> name.substring(0, name.length() - ".json".length())).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  JsonNode load(String id) {
    if (!id.matches("[a-z0-9][a-z0-9_-]*")) {
      throw unknown(id);
    }
    Resource resource = resolver.getResource("classpath:specs/" + id + ".json");
    if (!resource.exists()) {
      throw unknown(id);
    }
    try (InputStream in = resource.getInputStream()) {
      return json.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read reference spec " + id, e);
    }
  }

  private ApiException unknown(String id) {
    return new ApiException(HttpStatus.BAD_REQUEST, "unknown-reference", "No reference spec '" + id + "'",
        "/reference", "Shipped specs: " + ids(), Map.of("valid", ids()));
  }
}
