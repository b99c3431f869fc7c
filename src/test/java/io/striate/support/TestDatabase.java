package io.striate.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The real PostgreSQL the integration tests run against, started once per JVM: a Testcontainers PostgreSQL
 * where a Docker engine is available (a user's CI), the embedded zonky PostgreSQL otherwise (this machine).
 * Both are real servers; the same tests run on either.
 */
public final class TestDatabase {
  private static String url;
  private static String user;
  private static String password;
  private static String kind;

  private TestDatabase() {
  }

  public static synchronized void register(DynamicPropertyRegistry registry) {
    if (url == null) {
      start();
    }
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> user);
    registry.add("spring.datasource.password", () -> password);
    registry.add("spring.datasource.hikari.maximum-pool-size", () -> 16);
  }

  /**
   * A new, empty database on the same server, for tests that start their own applications and must not share the
   * queue with the cached test context's workers.
   *
   * @return spring.datasource.* properties (url, username, password) of the new database
   */
  public static synchronized Map<String, String> freshDatabase(String name) {
    if (url == null) {
      start();
    }
    try (var connection = DriverManager.getConnection(url, user, password);
         var statement = connection.createStatement()) {
      statement.execute("drop database if exists " + name);
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    String base = url.substring(0, url.lastIndexOf('/') + 1);
    String query = url.contains("?") ? url.substring(url.indexOf('?')) : "";
    return Map.of("spring.datasource.url", base + name + query, "spring.datasource.username", user,
        "spring.datasource.password", password);
  }

  public static String kind() {
    return kind;
  }

  private static void start() {
    if (!Boolean.getBoolean("striate.test.embedded") && dockerAvailable()) {
      PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
      container.start();
      url = container.getJdbcUrl();
      user = container.getUsername();
      password = container.getPassword();
      kind = "testcontainers " + container.getDockerImageName();
      return;
    }
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          pg.close();
        } catch (IOException ignored) {
          // JVM is exiting
        }
      }));
      url = pg.getJdbcUrl("postgres", "postgres");
      user = "postgres";
      password = "";
      kind = "embedded (zonky) on port " + pg.getPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable e) {
      return false;
    }
  }
}
