package io.striate.submission;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.support.IntegrationTest;
import io.striate.support.Multipart;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ActivationDownloadIntegrationTest extends IntegrationTest {
  @Test
  void returnsAnNpzOfTheInputAndTheChosenTaps() throws Exception {
    String token = userToken("act");
    long model = createModel(token, "act-model");
    var version = api.upload("/api/v1/models/" + model + "/versions", token, () -> new Multipart()
        .file("file", "m.pt", open(Path.of("src/test/resources/fixtures/runtime/tiny_dict.pt"))).build(),
        Multipart.BOUNDARY);
    assertThat(version.status()).as(version.body()).isEqualTo(201);
    String path = "/api/v1/models/" + model + "/versions/" + version.json().get("id").asLong() + "/activations";

    HttpResponse<byte[]> ok = post(path + "?taps=conv1,pool1", token, png(40, 30), png(32, 32));
    assertThat(ok.statusCode()).as(new String(ok.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    List<String> entries = new ArrayList<>();
    List<String> headers = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(ok.body()))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        entries.add(e.getName());
        headers.add(new String(zip.readNBytes(128), StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(entries).containsExactlyInAnyOrder("input.npy", "conv1.npy", "pool1.npy");
    assertThat(headers.get(entries.indexOf("input.npy"))).contains("'shape': (2, 3, 32, 32)").contains("<f4");

    HttpResponse<byte[]> unknownTap = post(path + "?taps=nope", token, png(32, 32));
    assertThat(unknownTap.statusCode()).isEqualTo(400);
    assertThat(new String(unknownTap.body(), StandardCharsets.UTF_8)).contains("\"code\":\"unknown-tap\"");

    HttpResponse<byte[]> garbage = post(path, token, "not an image".getBytes(StandardCharsets.UTF_8));
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(new String(garbage.body(), StandardCharsets.UTF_8)).contains("\"code\":\"unreadable-image\"",
        "\"field\":\"/images/0\"");
  }

  private HttpResponse<byte[]> post(String path, String token, byte[]... images) throws Exception {
    Multipart body = new Multipart();
    for (int i = 0; i < images.length; i++) {
      body.file("images", "img" + i + ".png", new ByteArrayInputStream(images[i]));
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "multipart/form-data; boundary=" + Multipart.BOUNDARY)
        .POST(HttpRequest.BodyPublishers.ofInputStream(body::build)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] png(int w, int h) throws IOException {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.setRGB(x, y, (x * 6) << 16 | (y * 8) << 8 | 128);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static java.io.InputStream open(Path p) {
    try {
      return Files.newInputStream(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
