package io.striate.benchmark.freemanziemba2013;

import io.striate.dataset.RecordingSet;
import java.util.Optional;

/** Where a predictivity benchmark gets its recordings: empty until an administrator has imported them. */
@FunctionalInterface
public interface RecordingSource {
  Optional<RecordingSet> load();
}
