package io.striate.benchmark.marques2020;

import io.striate.model.ModelSource;
import io.striate.model.runtime.DjlModelRuntime;
import io.striate.model.runtime.RuntimeProperties;
import io.striate.model.runtime.TestEngine;
import io.striate.model.spec.ReferenceSpecs;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Marques2020 property suite (the 7 benchmarks with embedded data) on the shipped reference specs, run by the
 * real DJL runtime: scores, selected units and the wall time split into stimuli, forward, physiology and metric.
 * Run: {@code mvn -o test -Dtest=ReferenceSpecPropertyBench -Dsurefire.excludedGroups=gpu
 * -Dstriate.bench.specs=vone-v1,pixels,random-gabor}.
 */
@Tag("bench")
class ReferenceSpecPropertyBench {
  @Test
  void referenceSpecs() throws Exception {
    DjlModelRuntime runtime = DjlModelRuntime.create(TestEngine.get(), RuntimeProperties.defaults());
    for (String name : List.of(System.getProperty("striate.bench.specs", "vone-v1,pixels,random-gabor").split(","))) {
      String spec = ReferenceSpecs.json(name).orElseThrow();
      PropertySuiteBench.run(name + " (DJL, reference spec)",
          runtime.load(new ModelSource(0, name, ModelSource.Kind.BLOCK_SPEC, null, spec, "{}")));
    }
  }
}
