package io.striate.model.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Copies test fixtures (fixtures/runtime/*) to files, as the artifact store would hold them. */
public final class Fixtures {
  private Fixtures() {
  }

  public static Path copy(String name, Path dir) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/runtime/" + name)) {
      if (in == null) throw new IOException("missing fixture " + name);
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }
}
