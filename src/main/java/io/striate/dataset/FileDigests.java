package io.striate.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one digest helper of the dataset importers: the sha1 (what BrainIO catalogues and Brain-Score's data packages
 * declare) and sha-256 (what Striate stores) of a file, computed in one pass, optionally while copying it.
 *
 * @param sha1   40 lower-case hex digits
 * @param sha256 64 lower-case hex digits
 */
public record FileDigests(String sha1, String sha256) {
  /** The digests of {@code file}. */
  public static FileDigests of(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return digest(in, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies {@code from} to the new file {@code to} and returns the digests of the bytes copied. */
  public static FileDigests copy(Path from, Path to) throws IOException {
    try (InputStream in = Files.newInputStream(from)) {
      return digest(in, to);
    }
  }

  private static FileDigests digest(InputStream raw, Path copyTo) throws IOException {
    MessageDigest sha1 = algorithm("SHA-1");
    MessageDigest sha256 = algorithm("SHA-256");
    try (InputStream in = new DigestInputStream(new DigestInputStream(raw, sha256), sha1)) {
      if (copyTo != null) {
        Files.copy(in, copyTo);
      } else {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
    }
    return new FileDigests(HexFormat.of().formatHex(sha1.digest()), HexFormat.of().formatHex(sha256.digest()));
  }

  /**
   * Whether {@code declared} (40 hex digits = sha1, 64 = sha-256, any case, surrounding blanks ignored) names these
   * bytes; a blank or null declaration is not checked.
   *
   * @throws DatasetException {@link DatasetException#CHECKSUM_MISMATCH} on {@code field} when it does not
   */
  public void verify(String declared, String field) {
    if (declared == null || declared.isBlank()) {
      return;
    }
    String e = declared.strip().toLowerCase();
    if (e.length() != 40 && e.length() != 64 || !e.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new DatasetException(DatasetException.CHECKSUM_MISMATCH, field, "the declared checksum of " + field
          + " is neither a sha1 (40 hex digits) nor a sha-256 (64)", "copy the checksum from the catalogue");
    }
    String actual = e.length() == 40 ? sha1 : sha256;
    if (!actual.equals(e)) {
      throw new DatasetException(DatasetException.CHECKSUM_MISMATCH, field, field + " has "
          + (e.length() == 40 ? "sha1 " : "sha-256 ") + actual + ", declared " + e,
          "upload the file the catalogue declares");
    }
  }

  private static MessageDigest algorithm(String name) {
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
