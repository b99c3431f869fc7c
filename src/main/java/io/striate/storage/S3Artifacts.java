package io.striate.storage;

import io.striate.config.StriateProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Committed artifacts in an S3-compatible bucket ({@code striate.storage.artifacts=s3}), under content-addressed
 * keys {@code <prefix>/<first two hex>/<sha-256>}: the same bytes are one object, whoever uploads them. Files up to
 * one part are sent with a single PUT; larger ones as a multipart upload read from the staged file one part at a
 * time (memory per upload: one part, never the whole file), aborted on any failure so that no partial object stays.
 */
public final class S3Artifacts implements AutoCloseable {
  private final S3Client client;
  private final String bucket;
  private final String prefix;
  private final int partSize;

  public S3Artifacts(StriateProperties.S3 settings) {
    if (settings == null || settings.bucket() == null || settings.bucket().isBlank()) {
      throw new IllegalArgumentException("striate.storage.s3.bucket is required when striate.storage.artifacts=s3");
    }
    long part = settings.partSize().toBytes();
    if (part < 5L << 20 || part > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("striate.storage.s3.part-size must be between 5MB and 2GB, not " + part);
    }
    S3ClientBuilder builder = S3Client.builder().region(Region.of(settings.region()))
        .forcePathStyle(settings.pathStyle()).httpClient(UrlConnectionHttpClient.create());
    if (settings.endpoint() != null && !settings.endpoint().isBlank()) {
      builder.endpointOverride(URI.create(settings.endpoint()));
    }
    builder.credentialsProvider(settings.accessKey() == null || settings.accessKey().isBlank()
        ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())));
    this.client = builder.build();
    this.bucket = settings.bucket();
    this.prefix = settings.prefix() == null || settings.prefix().isBlank() ? "" : settings.prefix() + "/";
    this.partSize = (int) part;
  }

  String key(String sha256) {
    return prefix + sha256.substring(0, 2) + "/" + sha256;
  }

  boolean exists(String sha256) {
    try {
      client.headObject(b -> b.bucket(bucket).key(key(sha256)));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  /** Uploads {@code file} under its content address (nothing when that object already exists). */
  void put(String sha256, Path file) {
    if (exists(sha256)) {
      return;
    }
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (size <= partSize) {
      client.putObject(b -> b.bucket(bucket).key(key(sha256)).contentLength(size), RequestBody.fromFile(file));
      return;
    }
    String key = key(sha256);
    String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    try (InputStream in = Files.newInputStream(file)) {
      List<CompletedPart> parts = new ArrayList<>();
      byte[] buffer = new byte[partSize];
      for (int number = 1; ; number++) {
        int n = in.readNBytes(buffer, 0, partSize);
        if (n == 0) {
          break;
        }
        int partNumber = number;
        String etag = client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
            .contentLength((long) n), RequestBody.fromBytes(n == partSize ? buffer : Arrays.copyOf(buffer, n)))
            .eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
      }
      client.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
          .multipartUpload(m -> m.parts(parts)));
    } catch (IOException | RuntimeException e) {
      client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
      if (e instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw (RuntimeException) e;
    }
  }

  /** Downloads the object to {@code target} atomically (a temporary sibling, then a move); false when absent. */
  boolean download(String sha256, Path target) {
    Path partial = target.resolveSibling(target.getFileName() + ".download-" + Thread.currentThread().getId());
    try (InputStream in = client.getObject(b -> b.bucket(bucket).key(key(sha256)))) {
      Files.createDirectories(target.getParent());
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException ignored) {
        // a leftover .download file is overwritten by the next download
      }
    }
  }

  void delete(String sha256) {
    client.deleteObject(b -> b.bucket(bucket).key(key(sha256)));
  }

  @Override
  public void close() {
    client.close();
  }
}
