package io.striate.support;

import io.striate.model.ActivationSink;
import io.striate.model.BrainModel;
import io.striate.model.LayerShape;
import io.striate.model.ModelContract;
import io.striate.model.ModelRuntime;
import io.striate.model.ModelSource;
import io.striate.model.StimulusSet;
import io.striate.model.Progress;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A model runtime for queue tests: versions whose spec is named {@code test-…} load as a {@link TestBrainModel}
 * that only knows its version id; every other version goes to the production runtime when one exists.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestModels {
  /** The spec as PostgreSQL's jsonb returns it may have spaces around the colon. */
  private static final java.util.regex.Pattern TEST_SPEC = java.util.regex.Pattern.compile("\"name\"\\s*:\\s*\"test-");

  public record TestBrainModel(long versionId) implements BrainModel {
    @Override
    public ModelContract contract() {
      return new ModelContract(8, new float[] {0, 0, 0}, new float[] {1, 1, 1}, 8, List.of("identity"), null, 1);
    }

    @Override
    public LayerShape layerShape(String layer) {
      return new LayerShape(3, 8, 8);
    }

    @Override
    public void activations(StimulusSet stimuli, String layer, int[] units, ActivationSink sink, Progress progress) {
      throw new UnsupportedOperationException("the queue-test model has no activations");
    }

    @Override
    public void close() {
    }
  }

  @Bean
  @Primary
  ModelRuntime testAwareRuntime(ObjectProvider<ModelRuntime> all) {
    return new ModelRuntime() {
      @Override
      public BrainModel load(ModelSource source) {
        if (source.specJson() != null && TEST_SPEC.matcher(source.specJson()).find()) {
          return new TestBrainModel(source.versionId());
        }
        Optional<ModelRuntime> production = all.orderedStream().filter(r -> r != this).findFirst();
        return production.orElseThrow(() -> new IllegalStateException("no production runtime")).load(source);
      }
    };
  }
}
