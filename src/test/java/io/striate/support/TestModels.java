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

  /** @param specJson the version's block spec (its {@code name} may carry a score for {@code test-named-score}) */
  public record TestBrainModel(long versionId, String specJson) implements BrainModel {
    @Override
    public ModelContract contract() {
      return new ModelContract(8, new float[] {0, 0, 0}, new float[] {1, 1, 1}, 8, List.of("identity"), null, 1);
    }

    @Override
    public LayerShape layerShape(String layer) {
      return new LayerShape(3, 8, 8);
    }

    /**
     * Versions listed in {@link #FORWARD_MILLIS} answer with zeros after waiting that long per image for each
     * "forward pass" on another thread (as the real runtime waits for its inference thread); others have none.
     */
    @Override
    public void activations(StimulusSet stimuli, String layer, int[] units, ActivationSink sink, Progress progress) {
      Long millis = FORWARD_MILLIS.get(versionId);
      if (millis == null) {
        throw new UnsupportedOperationException("the queue-test model has no activations");
      }
      int n = units == null ? 3 * 8 * 8 : units.length;
      progress.report("activations", 0);
      for (int i = 0; i < stimuli.size(); i++) {
        io.striate.model.runtime.InferenceEngine.await(FORWARDS.submit(() -> {
          Thread.sleep(millis);
          return null;
        }));
        sink.accept(i, new float[][] {new float[n]});
        progress.report("activations", (i + 1.0) / stimuli.size());
      }
    }

    @Override
    public void close() {
    }
  }

  /** The version id of a test model, as the worker hands it to a benchmark (wrapped in its budget). */
  public static long versionOf(BrainModel model) {
    return unwrap(model).versionId();
  }

  /** The test model behind the worker's budget wrapper, activation store and meter. */
  public static TestBrainModel unwrap(BrainModel model) {
    BrainModel m = model instanceof io.striate.scoring.BudgetedModel b ? b.unwrap() : model;
    m = m instanceof io.striate.model.cache.CachedBrainModel c ? c.unwrap() : m;
    m = m instanceof io.striate.scoring.MeteredModel metered ? metered.unwrap() : m;
    return (TestBrainModel) m;
  }

  /** Milliseconds per image of the test model's forward pass, per version id (absent: no activations). */
  public static final java.util.Map<Long, Long> FORWARD_MILLIS = new java.util.concurrent.ConcurrentHashMap<>();
  private static final java.util.concurrent.ExecutorService FORWARDS =
      java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-model-forward");
        t.setDaemon(true);
        return t;
      });

  @Bean
  @Primary
  ModelRuntime testAwareRuntime(ObjectProvider<ModelRuntime> all) {
    return new ModelRuntime() {
      @Override
      public BrainModel load(ModelSource source) {
        return load(source, -1);
      }

      @Override
      public BrainModel load(ModelSource source, int batchSize) {
        if (source.specJson() != null && TEST_SPEC.matcher(source.specJson()).find()) {
          return new TestBrainModel(source.versionId(), source.specJson());
        }
        Optional<ModelRuntime> production = all.orderedStream().filter(r -> r != this).findFirst();
        ModelRuntime runtime = production.orElseThrow(() -> new IllegalStateException("no production runtime"));
        return batchSize > 0 ? runtime.load(source, batchSize) : runtime.load(source);
      }
    };
  }
}
