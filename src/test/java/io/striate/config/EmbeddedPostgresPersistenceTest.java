package io.striate.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.StriateApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one-command mode: with no datasource URL the application starts its own PostgreSQL under
 * {@code striate.storage.dir/postgres}, and a restart finds the data written before it.
 */
class EmbeddedPostgresPersistenceTest {
  @TempDir
  Path storage;

  @Test
  void embeddedDatabaseLivesInTheStorageDirectoryAndSurvivesARestart() {
    try (ConfigurableApplicationContext first = start()) {
      first.getBean(JdbcTemplate.class).update(
          "insert into model (owner, name, visibility) values ('restart', 'kept-across-restarts', 'public')");
    }
    assertThat(Files.exists(storage.resolve("postgres/PG_VERSION"))).isTrue();
    try (ConfigurableApplicationContext second = start()) {
      Long count = second.getBean(JdbcTemplate.class).queryForObject(
          "select count(*) from model where name = 'kept-across-restarts'", Long.class);
      assertThat(count).isEqualTo(1);
    }
  }

  private ConfigurableApplicationContext start() {
    return SpringApplication.run(StriateApplication.class, "--server.port=0", "--striate.roles=api",
        "--striate.storage.dir=" + storage, "--spring.datasource.url=", "--striate.admin-token=stk_restart-test-000");
  }
}
