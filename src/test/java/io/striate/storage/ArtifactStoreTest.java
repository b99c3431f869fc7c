package io.striate.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.robothy.s3.rest.LocalS3;
import com.robothy.s3.rest.bootstrap.LocalS3Mode;
import io.striate.config.StriateProperties;
import io.striate.config.StriateProperties.ArtifactBackend;
import io.striate.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The artifact store's contract, run against both backends: the filesystem, and an S3 bucket on an in-process
 * S3-compatible server (LocalS3), with a second store standing for another machine that shares only the bucket.
 */
class ArtifactStoreTest {
  private static final String BUCKET = "striate-artifacts";
  private static final long SEED = 20261201L;
  /** S3's smallest part: files beyond it go up as multipart uploads. */
  private static final DataSize PART = DataSize.ofMegabytes(5);
  private static LocalS3 server;
  private static String endpoint;

  @TempDir
  Path dir;

  @BeforeAll
  static void startS3() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    server = LocalS3.builder().port(port).mode(LocalS3Mode.IN_MEMORY).build();
    server.start();
    endpoint = "http://127.0.0.1:" + port;
    try (S3Client client = S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
        .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
      client.createBucket(b -> b.bucket(BUCKET));
    }
  }

  @AfterAll
  static void stopS3() {
    server.shutdown();
  }

  private ArtifactStore store(ArtifactBackend backend, Path storage) {
    var s3 = new StriateProperties.S3(endpoint, BUCKET, "us-east-1", "test", "test", true, "artifacts", PART);
    var properties = new StriateProperties(Set.of("api", "worker"), null,
        new StriateProperties.Storage(storage, backend, s3, null), null, null, null, null);
    return new ArtifactStore(properties);
  }

  @ParameterizedTest
  @EnumSource(ArtifactBackend.class)
  void sameBytesAreOneArtifactAndReadBackIdentically(ArtifactBackend backend) throws IOException {
    ArtifactStore store = store(backend, dir);
    byte[] content = random(12 << 20); // beyond two parts: a three-part multipart upload on S3
    var first = store.stage(new ByteArrayInputStream(content), Long.MAX_VALUE, "file");
    var second = store.stage(new ByteArrayInputStream(content), Long.MAX_VALUE, "file");
    assertThat(second.sha256()).isEqualTo(first.sha256()).isEqualTo(Hashing.sha256Hex(content));
    Path stored = store.commit(first);
    assertThat(store.commit(second)).isEqualTo(stored);
    assertThat(store.stagedCount()).isZero();
    assertThat(store.exists(first.sha256())).isTrue();
    try (InputStream in = store.open(first.sha256())) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
    if (backend == ArtifactBackend.S3) {
      // another machine with an empty cache and only the bucket in common
      ArtifactStore elsewhere = store(backend, dir.resolve("elsewhere"));
      assertThat(elsewhere.exists(first.sha256())).isTrue();
      assertThat(Files.readAllBytes(elsewhere.path(first.sha256()))).isEqualTo(content);
      store.delete(first.sha256());
      assertThat(store(backend, dir.resolve("third")).exists(first.sha256())).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(ArtifactBackend.class)
  void anUploadBeyondTheLimitIsRefusedAndLeavesNothing(ArtifactBackend backend) throws IOException {
    ArtifactStore store = store(backend, dir);
    byte[] content = random(1 << 20);
    assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(content), content.length - 1, "file"))
        .isInstanceOf(ProblemException.class).hasMessageContaining("exceeds");
    assertThat(store.stagedCount()).isZero();
    assertThat(store.exists(Hashing.sha256Hex(content))).isFalse();
  }

  @ParameterizedTest
  @EnumSource(ArtifactBackend.class)
  void aFailedCommitLeavesNeitherAnObjectNorALocalFile(ArtifactBackend backend) throws IOException {
    ArtifactStore store = store(backend, dir);
    byte[] content = random(7 << 20);
    var staged = store.stage(new ByteArrayInputStream(content), Long.MAX_VALUE, "file");
    Files.delete(staged.file()); // the staged file vanishes (disk trouble, a sweep) before the commit
    assertThatThrownBy(() -> store.commit(staged)).isInstanceOf(RuntimeException.class);
    assertThat(store.exists(staged.sha256())).isFalse();
    try (Stream<Path> files = Files.walk(dir)) {
      // the only file left is this process's scratch-folder lock (ScratchDirectory), never an object or a part
      assertThat(files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(ScratchDirectory.LOCK)))
          .isEmpty();
    }
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(SEED + size).nextBytes(bytes);
    return bytes;
  }
}
