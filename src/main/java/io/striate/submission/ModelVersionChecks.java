package io.striate.submission;

import io.striate.model.ModelSource;
import io.striate.web.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Arrays;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The synchronous checks a new model version passes before it is stored. A TorchScript upload must be a
 * {@code torch.jit.save} zip archive; deeper checks (the model loads, a dummy forward succeeds, the taps exist and
 * are large enough) are the model runtime's preflight.
 */
@Component
class ModelVersionChecks {
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

  /**
   * @return a JSON report stored with the version (tap shapes, estimates), or null
   * @throws ApiException describing the first problem found
   */
  JsonNode check(ModelSource candidate) {
    if (candidate.kind() == ModelSource.Kind.TORCHSCRIPT) {
      requireZip(candidate);
    }
    return null;
  }

  private static void requireZip(ModelSource candidate) {
    try (InputStream in = Files.newInputStream(candidate.artifact())) {
      byte[] head = in.readNBytes(4);
      if (!Arrays.equals(head, ZIP_MAGIC)) {
        throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "not-torchscript",
            "The file is not a TorchScript archive (a torch.jit.save zip)", "file",
            "Export with torch.jit.script(model) or torch.jit.trace(model, x), then torch.jit.save; "
                + "tools/export_torchscript.py does it for torchvision-style models");
      }
    } catch (IOException e) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "upload-interrupted", "The upload could not be read back",
          "file", "Send the file again");
    }
  }
}
