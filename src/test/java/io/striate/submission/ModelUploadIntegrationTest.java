package io.striate.submission;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.storage.ArtifactStore;
import io.striate.support.IntegrationTest;
import io.striate.support.Multipart;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class ModelUploadIntegrationTest extends IntegrationTest {
  /** Size of the generated streaming upload; run with -Dstriate.test.upload-mb=1024 for the 1 GB measurement. */
  private static final long UPLOAD_MB = Long.getLong("striate.test.upload-mb", 150);
  /** The heap may grow by buffers and bookkeeping, never by the upload itself. */
  private static final long MAX_HEAP_GROWTH_BYTES = 48L << 20;

  @Autowired
  ArtifactStore artifacts;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void sameBytesGiveTheSameVersion() {
    String token = userToken("uploader");
    long model = createModel(token, "dedupe");
    var first = upload(token, model, 4096, 1);
    var again = upload(token, model, 4096, 1);
    var other = upload(token, model, 4096, 2);
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
    assertThat(other.status()).isEqualTo(201);
    assertThat(other.json().get("id").asLong()).isNotEqualTo(first.json().get("id").asLong());
    String sha = first.json().get("sha256").asString();
    assertThat(Files.exists(artifacts.path(sha))).isTrue();
    assertThat(jdbc.queryForObject("select count(*) from model_version where model_id = ?", Long.class, model))
        .isEqualTo(2);
    assertThat(artifacts.stagedCount()).isZero();
  }

  @Test
  void blockSpecVersionsAreHashedCanonically() {
    String token = userToken("specs");
    long model = createModel(token, "spec-canon");
    var a = api.post("/api/v1/models/" + model + "/versions", token, "{\"spec\": {\"test\": \"x\", \"b\": [1, 2]}}");
    var b = api.post("/api/v1/models/" + model + "/versions", token, "{\"spec\":{\"b\":[1,2],\"test\":\"x\"}}");
    assertThat(a.status()).isEqualTo(201);
    assertThat(b.status()).isEqualTo(200);
    assertThat(b.json().get("sha256").asString()).isEqualTo(a.json().get("sha256").asString());
  }

  @Test
  void largeUploadStreamsWithoutGrowingTheHeap() {
    String token = userToken("big");
    long model = createModel(token, "big-model");
    long size = UPLOAD_MB << 20;
    long before = usedHeapAfterGc();
    var r = api.upload("/api/v1/models/" + model + "/versions", token,
        () -> new Multipart().file("file", "model.pt", Multipart.zipLike(size, 42)).build(), Multipart.BOUNDARY);
    long after = usedHeapAfterGc();
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().get("sizeBytes").asLong()).isEqualTo(size);
    System.out.printf("[upload] %d MB streamed; used heap before %.1f MB, after %.1f MB (growth %.1f MB)%n",
        UPLOAD_MB, before / 1048576.0, after / 1048576.0, (after - before) / 1048576.0);
    assertThat(after - before).isLessThan(MAX_HEAP_GROWTH_BYTES);
    assertThat(artifacts.stagedCount()).isZero();
  }

  @Test
  void badUploadsGetProblemsAndLeaveNothingBehind() {
    String token = userToken("bad-uploads");
    long model = createModel(token, "bad");
    long versionsBefore = jdbc.queryForObject("select count(*) from model_version", Long.class);

    var empty = api.upload("/api/v1/models/" + model + "/versions", token,
        () -> new Multipart().file("file", "m.pt", new ByteArrayInputStream(new byte[0])).build(), Multipart.BOUNDARY);
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().get("code").asString()).isEqualTo("empty-upload");
    assertThat(empty.json().get("field").asString()).isEqualTo("file");

    var pickle = api.upload("/api/v1/models/" + model + "/versions", token,
        () -> new Multipart().file("file", "m.pt", new ByteArrayInputStream(new byte[] {(byte) 0x80, 2, '}', 'q'}))
            .build(), Multipart.BOUNDARY);
    assertThat(pickle.status()).isEqualTo(422);
    assertThat(pickle.json().get("code").asString()).isEqualTo("not-torchscript");

    var tooLarge = api.upload("/api/v1/models/" + model + "/versions", token,
        () -> new Multipart().file("file", "m.pt", Multipart.zipLike(401L << 20, 7)).build(), Multipart.BOUNDARY);
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.json().get("code").asString()).isEqualTo("upload-too-large");

    var badMetadata = api.upload("/api/v1/models/" + model + "/versions", token,
        () -> new Multipart().file("file", "m.pt", Multipart.zipLike(1000, 3)).field("metadata", "{oops").build(),
        Multipart.BOUNDARY);
    assertThat(badMetadata.status()).isEqualTo(400);
    assertThat(badMetadata.json().get("code").asString()).isEqualTo("malformed-json");

    var notOwner = api.upload("/api/v1/models/" + model + "/versions", userToken("intruder"),
        () -> new Multipart().file("file", "m.pt", Multipart.zipLike(1000, 3)).build(), Multipart.BOUNDARY);
    assertThat(notOwner.status()).isEqualTo(403);

    var unknownModel = api.post("/api/v1/models/999999/versions", token, Map.of("spec", Map.of("test", "q")));
    assertThat(unknownModel.status()).isEqualTo(404);
    assertThat(unknownModel.json().get("code").asString()).isEqualTo("model-not-found");

    assertThat(jdbc.queryForObject("select count(*) from model_version", Long.class)).isEqualTo(versionsBefore);
    assertThat(artifacts.stagedCount()).isZero();
  }

  private io.striate.support.Api.Response upload(String token, long model, int size, long seed) {
    return api.upload("/api/v1/models/" + model + "/versions", token,
        () -> new Multipart().file("file", "model.pt", Multipart.zipLike(size, seed))
            .field("metadata", "{\"inputSize\": 64, \"visualDegrees\": 8}").build(), Multipart.BOUNDARY);
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
