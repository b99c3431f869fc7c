package io.striate.benchmark.stimuli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The version of the code that renders the generated stimuli: SHA-256 over the bytecode of every class of this
 * package (rendering, placing, the set definitions) and the JDK (its {@code Math} may differ between releases), so
 * a stimulus set's {@link io.striate.model.StimulusSet#durableDescriptor} changes whenever its pixels could.
 */
final class StimulusCode {
  private static final String PACKAGE = "io/striate/benchmark/stimuli/";
  private static volatile String version;
  private static volatile boolean known;

  private StimulusCode() {
  }

  /** The version, or null when this package's classes cannot be read (then no set has a durable descriptor). */
  static String version() {
    if (!known) {
      version = compute();
      known = true;
    }
    return version;
  }

  private static String compute() {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      Resource[] classes = new PathMatchingResourcePatternResolver(StimulusCode.class.getClassLoader())
          .getResources("classpath*:" + PACKAGE + "*.class");
      if (classes.length == 0) {
        return null;
      }
      Arrays.sort(classes, Comparator.comparing(r -> String.valueOf(r.getFilename())));
      for (Resource r : classes) {
        d.update(String.valueOf(r.getFilename()).getBytes(StandardCharsets.UTF_8));
        try (InputStream in = r.getInputStream()) {
          d.update(in.readAllBytes());
        }
      }
      d.update(("java " + System.getProperty("java.vendor") + " " + System.getProperty("java.vm.version"))
          .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      return null;
    }
  }
}
