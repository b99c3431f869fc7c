package io.striate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

/**
 * Defaults are written once, in the {@code @ConfigurationProperties} records: application.yml sets no
 * {@code striate.*} key, and the one place Spring needs a Striate default before the records bind (the multipart
 * size limit) falls back to exactly the record's default.
 */
class ApplicationYamlTest {
  private static final Pattern FALLBACK = Pattern.compile("\\$\\{striate\\.limits\\.max-upload-size:([^}]+)}");

  @Test
  void applicationYamlRestatesNoStriateDefault() throws IOException {
    List<String> striateKeys = new ArrayList<>();
    for (PropertySource<?> source : yaml()) {
      for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
        if (name.startsWith("striate.")) {
          striateKeys.add(name);
        }
      }
    }
    assertThat(striateKeys).as("striate.* defaults belong in the properties records").isEmpty();
  }

  @Test
  void theMultipartLimitFallsBackToTheRecordsMaxUploadSize() throws IOException {
    Object raw = yaml().get(0).getProperty("spring.servlet.multipart.max-file-size");
    Matcher m = FALLBACK.matcher(String.valueOf(raw));
    assertThat(m.matches()).as("max-file-size follows striate.limits.max-upload-size: " + raw).isTrue();
    StriateProperties defaults = new Binder(new MapConfigurationPropertySource())
        .bindOrCreate("striate", StriateProperties.class);
    assertThat(DataSize.parse(m.group(1).trim())).isEqualTo(defaults.limits().maxUploadSize());
  }

  private static List<PropertySource<?>> yaml() throws IOException {
    return new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
  }
}
