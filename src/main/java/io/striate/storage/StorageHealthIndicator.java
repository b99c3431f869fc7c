package io.striate.storage;

import io.striate.config.StriateProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of the storage directory ({@code storage} in {@code /actuator/health}, part of the readiness group): DOWN
 * when a probe file cannot be written and deleted there (read-only mount, wrong permissions, disk full), so a load
 * balancer stops sending uploads to an instance that would refuse them.
 */
@Component("storage")
class StorageHealthIndicator implements HealthIndicator {
  private final Path dir;

  StorageHealthIndicator(StriateProperties properties) {
    this.dir = properties.storage().artifactsDir().toAbsolutePath();
  }

  @Override
  public Health health() {
    try {
      Path probe = Files.createTempFile(dir, ".health-", ".probe");
      Files.write(probe, new byte[] {1});
      Files.delete(probe);
      return Health.up().withDetail("path", dir.toString()).withDetail("freeBytes",
          Files.getFileStore(dir).getUsableSpace()).build();
    } catch (IOException | RuntimeException e) {
      return Health.down().withDetail("path", dir.toString()).withDetail("error", e.toString()).build();
    }
  }
}
