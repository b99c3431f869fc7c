package io.striate.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.jdbc.DataSourceBuilder;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Starts an embedded PostgreSQL (zonky binaries, no installation needed) when no
 * {@code spring.datasource.url} is configured, keeping its data under {@code striate.storage.dir/postgres}
 * so that a restart keeps the leaderboard. With a URL configured this class does nothing, and the container images
 * (Maven profile {@code image}) leave the embedded PostgreSQL out of the jar altogether.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres")
@Conditional(NoDatasourceUrlCondition.class)
class EmbeddedPostgresConfiguration {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);
  static final int DEFAULT_PORT = 54329;

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(StriateProperties properties) throws IOException {
    Path dir = properties.storage().postgres().toAbsolutePath();
    Files.createDirectories(dir);
    boolean fresh = !Files.exists(dir.resolve("PG_VERSION"));
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setDataDirectory(dir)
        .setCleanDataDirectory(false)
        .setPort(0)
        .start();
    log.info("Embedded PostgreSQL {} on port {}, data in {}", fresh ? "initialised" : "started", pg.getPort(), dir);
    return pg;
  }

  @Bean
  DataSource dataSource(EmbeddedPostgres pg) {
    HikariDataSource ds = DataSourceBuilder.create().type(HikariDataSource.class)
        .url(pg.getJdbcUrl("postgres", "postgres"))
        .username("postgres")
        .driverClassName("org.postgresql.Driver")
        .build();
    ds.setMaximumPoolSize(12);
    ds.setConnectionTimeout(3000); // while PostgreSQL is down a request fails after 3 s with a 503, not 30 s
    ds.setPoolName("striate-embedded");
    return ds;
  }
}
