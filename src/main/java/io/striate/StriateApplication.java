package io.striate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Striate: scores vision models against primate V1 data (REST API and scoring workers in one jar). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StriateApplication {
  public static void main(String[] args) {
    System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
    SpringApplication.run(StriateApplication.class, args);
  }
}
