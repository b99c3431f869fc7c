package io.striate.submission;

import io.striate.problem.ProblemStatus;
import io.striate.account.Callers;
import io.striate.account.Scope;
import io.striate.model.RgbImage;
import io.striate.model.catalog.ModelAccess;
import io.striate.model.catalog.ModelVersion;
import io.striate.model.isolation.ModelActivations;
import io.striate.model.runtime.ActivationRequestException;
import io.striate.storage.ArtifactStore;
import io.striate.storage.TemporaryFiles;
import io.striate.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@Tag(name = "models")
@RestController
class ActivationController {
  private final ModelAccess access;
  private final ArtifactStore artifacts;
  private final ObjectProvider<ModelActivations> activations;
  private final TemporaryFiles temporaryFiles;

  ActivationController(ModelAccess access, ArtifactStore artifacts, ObjectProvider<ModelActivations> activations,
                       TemporaryFiles temporaryFiles) {
    this.access = access;
    this.artifacts = artifacts;
    this.activations = activations;
    this.temporaryFiles = temporaryFiles;
  }

  @Operation(summary = "What Striate's runtime sees: activations of your images",
      description = "multipart/form-data with one or more `images` parts (PNG or JPEG) and an optional `taps` "
          + "parameter (comma-separated; default: all candidate layers). Returns an `.npz` with `input.npy` (the "
          + "preprocessed float32 input, N×3×S×S, exactly as the model received it) and one `<tap>.npy` per tap, "
          + "so you can compare with torch.jit.load(model)(x) locally. Limited by striate.runtime.export.*.")
  @PostMapping(value = "/api/v1/models/{id}/versions/{versionId}/activations",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = "application/octet-stream")
  void activations(@PathVariable long id, @PathVariable long versionId,
                   @RequestPart("images") List<MultipartFile> images,
                   @RequestParam(value = "taps", required = false) String taps,
                   HttpServletRequest request, HttpServletResponse response) throws IOException {
    var caller = Callers.require(request, Scope.SUBMIT);
    ModelVersion version = access.version(id, versionId, Optional.of(caller))
        .orElseThrow(() -> ProblemException.notFound("version", versionId));
    List<RgbImage> decoded = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      decoded.add(decode(images.get(i), i));
    }
    List<String> chosen = taps == null || taps.isBlank() ? List.of()
        : Arrays.stream(taps.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    Path spool = Files.createTempFile(temporaryFiles.folder("spool"), "activations-", ".npz");
    try {
      try {
        activations.getObject().writeNpz(version.source(artifacts.path(version.getSha256())), decoded, chosen, spool);
      } catch (ActivationRequestException e) {
        ProblemStatus status = e.code().equals("response-too-large") || e.code().equals("too-many-images")
            ? ProblemStatus.CONTENT_TOO_LARGE : ProblemStatus.BAD_REQUEST;
        throw new ProblemException(status, e.code(), e.getMessage(), e.field(), e.hint());
      }
      response.setContentType("application/octet-stream");
      response.setHeader("Content-Disposition", "attachment; filename=\"activations-v" + versionId + ".npz\"");
      response.setContentLengthLong(Files.size(spool));
      Files.copy(spool, response.getOutputStream());
    } finally {
      Files.deleteIfExists(spool);
    }
  }

  /**
   * Most pixels an uploaded image may have: 4096 × 4096 (48 MiB as RGB). Checked from the header before any pixel
   * is decoded, so a small compressed file claiming 30000 × 30000 (a decompression bomb) costs nothing.
   */
  static final long MAX_PIXELS = 4096L * 4096L;

  private static RgbImage decode(MultipartFile file, int index) {
    BufferedImage image;
    try (InputStream in = file.getInputStream();
         javax.imageio.stream.ImageInputStream stream = ImageIO.createImageInputStream(in)) {
      image = stream == null ? null : readBounded(stream, index);
    } catch (IOException | RuntimeException e) {
      if (e instanceof ProblemException api) throw api;
      image = null;
    }
    if (image == null) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "unreadable-image", "images[" + index + "] ('"
          + file.getOriginalFilename() + "') is not a PNG or JPEG image", "/images/" + index,
          "Send 8-bit RGB or grayscale PNG/JPEG files");
    }
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] rgb = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      // getRGB would pass gray levels through a colour-space conversion; PIL's convert("RGB") copies them
      var raster = image.getRaster();
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          byte v = (byte) raster.getSample(x, y, 0);
          int o = (y * w + x) * 3;
          rgb[o] = v;
          rgb[o + 1] = v;
          rgb[o + 2] = v;
        }
      }
      return new RgbImage(w, h, rgb);
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = image.getRGB(x, y);
        int o = (y * w + x) * 3;
        rgb[o] = (byte) (p >> 16);
        rgb[o + 1] = (byte) (p >> 8);
        rgb[o + 2] = (byte) p;
      }
    }
    return new RgbImage(w, h, rgb);
  }

  /** Decodes the first image of {@code stream} after checking its dimensions from the header; null if no reader. */
  private static BufferedImage readBounded(javax.imageio.stream.ImageInputStream stream, int index)
      throws IOException {
    var readers = ImageIO.getImageReaders(stream);
    if (!readers.hasNext()) {
      return null;
    }
    javax.imageio.ImageReader reader = readers.next();
    try {
      reader.setInput(stream, true, true);
      long w = reader.getWidth(0);
      long h = reader.getHeight(0);
      if (w * h > MAX_PIXELS) {
        throw new ProblemException(ProblemStatus.CONTENT_TOO_LARGE, "image-too-large", "images[" + index + "] is " + w
            + "×" + h + " pixels, more than " + MAX_PIXELS + " (4096×4096)", "/images/" + index,
            "Resize the image; the model sees it at its input size anyway");
      }
      return reader.read(0);
    } finally {
      reader.dispose();
    }
  }
}
