package io.striate.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.config.StriateProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;

/** Readiness goes DOWN when the storage directory cannot be written. */
class StorageHealthIndicatorTest {
  @TempDir
  Path dir;

  private static StorageHealthIndicator on(Path storage) {
    return new StorageHealthIndicator(new StriateProperties(java.util.Set.of("api"), null,
        new StriateProperties.Storage(storage, StriateProperties.ArtifactBackend.FILESYSTEM, null, null), null, null, null,
        null));
  }

  @Test
  void upWhenWritableDownWhenNot() throws Exception {
    Files.createDirectories(dir.resolve("ok/artifacts"));
    assertThat(on(dir.resolve("ok")).health().getStatus()).isEqualTo(Status.UP);
    // "artifacts" is a file here, so nothing can be created in it (root ignores permission bits, so no chmod)
    Files.createDirectories(dir.resolve("broken"));
    Files.write(dir.resolve("broken/artifacts"), new byte[0]);
    assertThat(on(dir.resolve("broken")).health().getStatus()).isEqualTo(Status.DOWN);
  }
}
