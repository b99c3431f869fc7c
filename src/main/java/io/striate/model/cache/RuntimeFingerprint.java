package io.striate.model.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * What, besides the model and its inputs, decides a forward pass's numbers: the bytecode of Striate's model
 * runtime ({@code io/striate/model/**}: preprocessing, blocks, spec compiler, DJL bridge), the DJL artifacts on the
 * class path and the PyTorch native version. Part of every {@link ActivationStore} key, so a change to any of
 * them (a new release that touches the runtime) makes old entries unreachable instead of stale, while releases
 * that change only benchmarks keep them.
 */
final class RuntimeFingerprint {
  private static volatile String current;

  private RuntimeFingerprint() {
  }

  static String current() {
    String c = current;
    if (c == null) {
      c = compute();
      current = c;
    }
    return c;
  }

  private static String compute() {
    MessageDigest d = ActivationStore.sha256();
    try {
      Resource[] classes = new PathMatchingResourcePatternResolver(RuntimeFingerprint.class.getClassLoader())
          .getResources("classpath*:io/striate/model/**/*.class");
      Arrays.sort(classes, Comparator.comparing(RuntimeFingerprint::relative));
      for (Resource r : classes) {
        d.update(relative(r).getBytes(StandardCharsets.UTF_8));
        try (InputStream in = r.getInputStream()) {
          d.update(in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the model runtime's classes for the activation store key", e);
    }
    d.update(("djl " + codeSource(ai.djl.ndarray.NDArray.class) + " pytorch " + codeSource(
        "ai.djl.pytorch.engine.PtEngine") + " native " + System.getProperty("PYTORCH_VERSION",
        String.valueOf(System.getenv("PYTORCH_VERSION")))).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d.digest());
  }

  private static String relative(Resource r) {
    try {
      String url = r.getURL().toString();
      int i = url.lastIndexOf("io/striate/model/");
      return i < 0 ? url : url.substring(i);
    } catch (IOException e) {
      return String.valueOf(r.getFilename());
    }
  }

  private static String codeSource(String className) {
    try {
      return codeSource(Class.forName(className, false, RuntimeFingerprint.class.getClassLoader()));
    } catch (ClassNotFoundException e) {
      return "absent";
    }
  }

  /** The jar a class comes from (its file name carries the version), e.g. {@code api-0.36.0.jar}. */
  private static String codeSource(Class<?> type) {
    var source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return "unknown";
    }
    String path = source.getLocation().getPath();
    path = path.endsWith("!/") ? path.substring(0, path.length() - 2) : path;
    return path.substring(path.lastIndexOf('/', path.length() - 2) + 1);
  }
}
