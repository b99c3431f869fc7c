package io.striate.storage;

import io.striate.problem.ProblemStatus;
import io.striate.config.StriateProperties;
import io.striate.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Content-addressed files: {@code <storage>/artifacts/<first two hex>/<sha-256>}.
 * Uploads are streamed to a staging file while their hash is computed (never buffered whole in memory),
 * then either committed under their hash or discarded, so a failed request leaves no file behind.
 * With {@code striate.storage.artifacts=s3} a commit also uploads the file to the bucket ({@link S3Artifacts}),
 * which is then the store of record: the local folder is a cache that {@link #path} fills on demand, so any API or
 * worker process can load any model without a shared volume.
 */
@Component
public class ArtifactStore {
  private static final int BUFFER = 1 << 16;
  private final Path root;
  private final ScratchDirectory scratch;
  private final Path staging;
  private final S3Artifacts remote;

  @Autowired
  public ArtifactStore(StriateProperties properties) {
    this(properties, properties.storage().artifacts() == StriateProperties.ArtifactBackend.S3
        ? new S3Artifacts(properties.storage().s3()) : null);
  }

  ArtifactStore(StriateProperties properties, S3Artifacts remote) {
    this.remote = remote;
    this.root = properties.storage().artifactsDir().toAbsolutePath();
    // staging stays beside the artifacts (same file system: commits are atomic moves), one folder per process;
    // the folders of processes killed mid-upload are swept here, at start
    this.scratch = ScratchDirectory.claim(root.resolve("staging"));
    this.staging = scratch.path();
  }

  /** A file written to staging, not yet addressable. */
  public record Staged(Path file, String sha256, long size) {
  }

  /**
   * Streams {@code in} to staging. Fails with 413 {@code upload-too-large} beyond {@code maxBytes} and with
   * 400 {@code empty-upload} for no bytes, deleting the partial file in both cases.
   */
  public Staged stage(InputStream in, long maxBytes, String field) {
    Path file;
    try {
      file = Files.createTempFile(staging, "upload-", ".part");
    } catch (IOException e) {
      throw storageProblem(e);
    }
    MessageDigest digest = Hashing.sha256();
    long size = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = read(in, buffer, field)) > 0; ) {
        size += n;
        if (size > maxBytes) {
          throw new ProblemException(ProblemStatus.CONTENT_TOO_LARGE, "upload-too-large", "The upload exceeds "
              + maxBytes + " bytes", field, "Uploads are limited by striate.limits.max-upload-size", Map.of(
              "limitBytes", maxBytes));
        }
        digest.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    } catch (IOException | RuntimeException e) {
      deleteQuietly(file);
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw storageProblem((IOException) e); // reading the client is handled in read(): this is our disk
    }
    if (size == 0) {
      deleteQuietly(file);
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "empty-upload", "The uploaded file is empty", field,
          "Attach the TorchScript file saved with torch.jit.save");
    }
    return new Staged(file, HexFormat.of().formatHex(digest.digest()), size);
  }

  /** Reads the client's bytes: a failure here is the client's (interrupted upload), not the storage's. */
  private static int read(InputStream in, byte[] buffer, String field) {
    try {
      return in.read(buffer);
    } catch (IOException e) {
      ProblemException infrastructure = io.striate.problem.InfrastructureFailures.classify(e);
      if (infrastructure != null) {
        throw infrastructure; // the multipart temporary file could not be read back
      }
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "upload-interrupted", "The upload could not be read: "
          + e.getMessage(), field, "Send the file again");
    }
  }

  /** 507 {@code storage-full} or 503 {@code storage-unavailable}: the failure is the server's disk. */
  static ProblemException storageProblem(IOException e) {
    ProblemException known = io.striate.problem.InfrastructureFailures.classify(e);
    return known != null ? known : io.striate.problem.InfrastructureFailures.storageUnavailable();
  }

  /** Stages bytes already in memory (small documents such as block specs). */
  public Staged stage(byte[] bytes, String field) {
    return stage(new ByteArrayInputStream(bytes), Long.MAX_VALUE, field);
  }

  /**
   * Moves a staged file to its content address (a no-op when the content is already stored); with S3, uploads it
   * first, so a failed upload leaves neither an object nor a local file.
   */
  public Path commit(Staged staged) {
    Path target = localPath(staged.sha256());
    if (remote != null) {
      try {
        remote.put(staged.sha256(), staged.file());
      } catch (RuntimeException e) {
        deleteQuietly(staged.file());
        throw e;
      }
    }
    try {
      Files.createDirectories(target.getParent());
      if (Files.exists(target)) {
        deleteQuietly(staged.file());
      } else {
        Files.move(staged.file(), target, StandardCopyOption.ATOMIC_MOVE);
      }
      return target;
    } catch (IOException e) {
      throw storageProblem(e);
    }
  }

  public void discard(Staged staged) {
    deleteQuietly(staged.file());
  }

  /** Deletes a committed artifact (used to undo a commit whose database write failed). */
  public void delete(String sha256) {
    deleteQuietly(localPath(sha256));
    if (remote != null) {
      remote.delete(sha256);
    }
  }

  /**
   * The local file of a stored artifact, for loaders that need a file (DJL loads TorchScript from a path). With S3,
   * an artifact not yet cached here is downloaded first; an artifact that is stored nowhere yields a path that does
   * not exist.
   */
  public Path path(String sha256) {
    Path local = localPath(sha256);
    if (remote != null && !Files.exists(local)) {
      remote.download(sha256, local);
    }
    return local;
  }

  public boolean exists(String sha256) {
    return Files.exists(localPath(sha256)) || (remote != null && remote.exists(sha256));
  }

  private Path localPath(String sha256) {
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a sha-256: " + sha256);
    }
    return root.resolve(sha256.substring(0, 2)).resolve(sha256);
  }

  /** Deletes this process's staging folder at a clean shutdown and closes the S3 client. */
  @PreDestroy
  void close() {
    scratch.close();
    if (remote != null) {
      remote.close();
    }
  }

  /** Files currently in staging (for tests and health checks: should be empty between requests). */
  public long stagedCount() {
    try (var files = Files.list(staging)) {
      return files.filter(p -> !p.getFileName().toString().equals(ScratchDirectory.LOCK)).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // best effort: staging is swept on the next start
    }
  }

  /** Opens a stored artifact for reading. */
  public InputStream open(String sha256) throws IOException {
    return Files.newInputStream(path(sha256));
  }
}
