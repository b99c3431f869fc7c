package io.striate.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crash hygiene: what a killed process left in staging or tmp is swept at the next start; live folders stay. */
class ScratchDirectoryTest {
  @TempDir
  Path parent;

  @Test
  void sweepsLeftoversOfDeadProcessesAndKeepsLiveOnes() throws Exception {
    Path loose = Files.write(parent.resolve("upload-1.part"), new byte[1000]);
    Path dead = Files.createDirectories(parent.resolve("dead-instance"));
    Files.write(dead.resolve(".lock"), new byte[0]); // its owner is gone: nobody holds the lock
    Files.write(Files.createDirectories(dead.resolve("multipart")).resolve("upload_x.tmp"), new byte[5000]);
    ScratchDirectory live = ScratchDirectory.claim(parent);
    Path inFlight = Files.write(live.path().resolve("upload-2.part"), new byte[10]);

    ScratchDirectory next = ScratchDirectory.claim(parent);

    assertThat(loose).doesNotExist();
    assertThat(dead).doesNotExist();
    assertThat(inFlight).exists();
    assertThat(next.path()).exists().isNotEqualTo(live.path());
    live.close();
    next.close();
    assertThat(live.path()).doesNotExist();
  }
}
