package io.striate.model.preflight;

import io.striate.model.ModelSource;
import io.striate.model.runtime.InvalidModelException;
import io.striate.model.runtime.ModelProblem;
import io.striate.model.runtime.RuntimeProperties;
import io.striate.model.spec.BlockSpec;
import io.striate.model.spec.BlockSpecValidator;
import io.striate.model.spec.SpecMemoryEstimate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The cheap part of the upload check, answered in milliseconds before any model process starts: a TorchScript
 * artifact must be a non-empty zip ({@code torch.jit.save} writes one) holding a {@code data.pkl} and a
 * {@code code/} folder, and neither its size nor the declared uncompressed size of its tensors may exceed the memory
 * limit; a block spec must follow the schema and its memory estimate ({@link SpecMemoryEstimate}, from the spec
 * before it is built) must fit the limit.
 */
public final class PreflightScreen {
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
  private final BlockSpecValidator validator = new BlockSpecValidator();
  private final RuntimeProperties properties;

  public PreflightScreen(RuntimeProperties properties) {
    this.properties = properties;
  }

  /** @throws InvalidModelException {@code not-torchscript}, {@code invalid-spec} or {@code too-large} */
  public void screen(ModelSource source) {
    if (source.kind() == ModelSource.Kind.TORCHSCRIPT) {
      screenArchive(source);
    } else {
      screenSpec(source);
    }
  }

  private void screenArchive(ModelSource source) {
    long limit = properties.preflight().maxMemory().toBytes();
    try {
      long size = Files.size(source.artifact());
      if (size == 0) {
        throw notTorchScript("the artifact is empty");
      }
      byte[] head = new byte[4];
      try (InputStream in = Files.newInputStream(source.artifact())) {
        if (in.readNBytes(head, 0, 4) < 4 || !Arrays.equals(head, ZIP_MAGIC)) {
          throw notTorchScript("the artifact is not a zip archive, so not a TorchScript file (torch.jit.save "
              + "writes a zip)");
        }
      }
      if (size > limit) {
        throw tooLarge("the artifact is " + (size >> 20) + " MiB, more than the memory limit of "
            + (limit >> 20) + " MiB");
      }
      boolean data = false;
      boolean code = false;
      long declared = 0;
      try (ZipFile zip = new ZipFile(source.artifact().toFile())) {
        for (var entries = zip.entries(); entries.hasMoreElements(); ) {
          ZipEntry e = entries.nextElement();
          String name = e.getName();
          data |= name.endsWith("/data.pkl") || name.equals("data.pkl");
          code |= name.contains("/code/") || name.startsWith("code/");
          if (e.getSize() > 0) declared += e.getSize();
        }
      } catch (java.util.zip.ZipException e) {
        throw notTorchScript("the artifact is not a readable zip archive (" + e.getMessage() + ")");
      }
      if (!data || !code) {
        throw notTorchScript("the zip archive has no " + (data ? "code/ folder" : "data.pkl")
            + ", so it is not a TorchScript archive (a torch.save state_dict or pickled module cannot be run)");
      }
      if (declared > limit) {
        throw tooLarge("the archive declares " + (declared >> 20) + " MiB of content, more than the memory limit of "
            + (limit >> 20) + " MiB");
      }
    } catch (IOException e) {
      throw notTorchScript("cannot read the artifact: " + e.getMessage());
    }
  }

  private void screenSpec(ModelSource source) {
    BlockSpec spec = validator.parse(source.specJson());
    long limit = properties.preflight().maxMemory().toBytes();
    long bytes = SpecMemoryEstimate.bytes(spec, properties.batchSize());
    if (bytes > limit) {
      throw new InvalidModelException(ModelProblem.TOO_LARGE, "/spec", String.format("estimated %d MiB for a batch of %d from the spec (parameters and layer outputs),"
          + " limit %d MiB", bytes >> 20, properties.batchSize(), limit >> 20));
    }
  }

  private static InvalidModelException notTorchScript(String message) {
    return new InvalidModelException(ModelProblem.NOT_TORCHSCRIPT, "/artifact", message);
  }

  private static InvalidModelException tooLarge(String message) {
    return new InvalidModelException(ModelProblem.TOO_LARGE, "/artifact", message);
  }
}
